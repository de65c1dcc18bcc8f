using System.Text.RegularExpressions;

namespace Evaluation.Web.Tests.Access;

/// <summary>Security basics of issue 9: headers on every response, no inline script, sign-in limits, cookie flags.</summary>
public sealed partial class SecurityTests : IAsyncLifetime
{
    private EvaluationApp _app = null!;

    public async Task InitializeAsync() => _app = await EvaluationApp.StartSqliteAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/")]                       // a page
    [InlineData("/directory")]              // the public directory
    [InlineData("/no-such-page")]           // a status page (404)
    [InlineData("/api/v1/ratings/91330203MA28XY0A2P")] // the API without a token (401)
    [InlineData("/css/site.css")]           // a static file
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await _app.Anonymous().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        var script = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        script.ShouldBe("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
    }

    /// <summary>The CSP would silently break an inline script or handler; this finds them before a user does.</summary>
    [Fact]
    public void NoPage_HasInlineScriptOrEventHandlerAttributes()
    {
        var offenders = Directory.EnumerateFiles(Repository.PathOf("src", "Evaluation.Web"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => InlineScript().IsMatch(l.line) || EventHandler().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public async Task SignIn_FromOneAddress_IsLimitedPerMinute_ButPagesStillServe()
    {
        await using var app = await EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string>
        {
            ["Security:LoginAttemptsPerMinute"] = "3",
        });
        var client = app.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostFormAsync("/account/login", new() { ["UserName"] = $"nobody-{i}", ["Password"] = "wrong-password" })).StatusCode);

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK); // the form again, with "wrong user name or password"
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/directory")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignInCookie_OverHttps_IsSecureHttpOnlyAndSameSite()
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/account/login",
            new() { ["UserName"] = Scenario.Reviewer, ["Password"] = Scenario.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("evaluation.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        auth.ShouldContain("; secure");
        auth.ShouldContain("; httponly");
        auth.ShouldContain("; samesite=lax");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
