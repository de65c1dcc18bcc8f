using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Evaluation.Web.Tests.Centre;

internal static partial class CentreClient
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>Posts a catalogue archive to the upload form, with the form's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadCatalogueAsync(this HttpClient client, byte[] archive, string fileName = "catalogue.zip")
    {
        var html = await client.GetStringAsync("/centre/catalogues");
        var file = new ByteArrayContent(archive);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { file, "archive", fileName },
        };
        return await client.PostAsync("/centre/catalogues", form);
    }

    /// <summary>The values of one data- attribute across a page, in order.</summary>
    public static List<string> Attribute(string html, string attribute) =>
        [.. Regex.Matches(html, $"{attribute}=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
}
