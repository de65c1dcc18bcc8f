using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>Uploads a CSV through the preview form the way a browser does, and commits a previewed upload.</summary>
internal static partial class Uploads
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"upload\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex UploadField();

    public static Task<(HttpResponseMessage Response, string Html)> PreviewAsync(this HttpClient client, string csv) =>
        client.PreviewAsync(Encoding.UTF8.GetBytes(csv), "data.csv");

    public static async Task<(HttpResponseMessage Response, string Html)> PreviewAsync(this HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync("/department/data/upload?handler=Preview", form);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> CommitAsync(this HttpClient client, string previewHtml)
    {
        var upload = UploadField().Match(previewHtml);
        if (!upload.Success) throw new InvalidOperationException("The preview offers no commit.");
        var form = new Dictionary<string, string>
        {
            ["upload"] = upload.Groups[1].Value,
            ["__RequestVerificationToken"] = await TokenAsync(client),
        };
        return await client.PostAsync("/department/data/upload?handler=Commit", new FormUrlEncodedContent(form));
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/department/data/upload");
        return TokenField().Match(html).Groups[1].Value;
    }
}
