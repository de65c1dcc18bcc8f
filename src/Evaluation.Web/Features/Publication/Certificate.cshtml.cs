namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The printable certificate (证书) of an enterprise's newest rating while it is valid (<see cref="RatingStanding"/>:
/// published, not downgraded, within its validity today in Ningbo). It carries the full address of its verification
/// page (<see cref="VerifyModel"/>) as text and as a QR code, so that anyone holding the paper can check it. A revoked,
/// downgraded or expired rating has none: the page answers 404 and says why, with a link to the enterprise's page.
/// </summary>
internal sealed class CertificateModel(PublicRatings ratings, Publishing publishing, IConfiguration configuration) : PageModel
{
    public Enterprise? Enterprise { get; private set; }
    public RatingStanding? Standing { get; private set; }
    public string VerificationUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        // The enterprise page's data (loaded once per rating change), its newest rating's standing for today.
        if (await ratings.EnterprisePageAsync(creditCode, cancellationToken) is { } data)
        {
            Enterprise = data.Enterprise;
            Standing = RatingStanding.Of(data.Ratings[0].Rating, data.Ratings[0].Campaign, data.Changes, publishing.Today);
        }
        if (Standing is not { HasCertificate: true })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        VerificationUrl = CertificateCode.VerificationUrl(Request, configuration, Standing.Rating.Id);
        QrSvg = CertificateCode.Svg(VerificationUrl);
        return Page();
    }
}
