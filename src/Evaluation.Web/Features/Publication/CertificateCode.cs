using System.Globalization;
using System.Text;
using QRCoder;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// Where a certificate is verified, and that address as a QR code a phone can read off the printed certificate. The
/// address is absolute: <c>Publication:PublicUrl</c> (the platform's public address, e.g. https://hexie.example.gov.cn)
/// when set, else the address the request came in on.
/// </summary>
internal static class CertificateCode
{
    public const string PublicUrlKey = "Publication:PublicUrl";

    /// <summary>The verification page of the rating <paramref name="ratingId"/>, absolute.</summary>
    public static string VerificationUrl(HttpRequest request, IConfiguration configuration, Guid ratingId)
    {
        var configured = configuration[PublicUrlKey];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
        return $"{root}/certificates/{ratingId:N}";
    }

    /// <summary>
    /// The QR code of <paramref name="text"/> as an SVG of dark squares on white, quiet zone included (error correction
    /// M: a stain or a fold on paper still reads). One path, so it prints sharp at any size.
    /// </summary>
    public static string Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                if (modules[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" role="img"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
