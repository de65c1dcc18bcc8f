using System.Text.RegularExpressions;

namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>Posts forms the way a browser does: fetch the page, take its antiforgery token, post back.</summary>
public static partial class Forms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        Dictionary<string, string> fields, string? pageUrl = null)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pageUrl) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Every page carries a token (the language switch in the layout); it is bound to the user, not the page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string? pageUrl = null)
    {
        var page = await client.GetAsync(pageUrl ?? "/");
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl ?? "/"} ({(int)page.StatusCode}).");
        return token.Groups[1].Value;
    }
}
