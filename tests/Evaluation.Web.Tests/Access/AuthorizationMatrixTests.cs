using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Facts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Evaluation.Web.Tests.Access;

/// <summary>
/// Every route of the app, read from its endpoint data source (so a new route cannot escape), requested by every
/// kind of caller; the table of status codes is the approved expectation (authorization-matrix.approved.txt). A new
/// route, or a changed answer, is a diff to review: the test writes the received table and fails.
/// Records in a route are enterprise A's and the hrss department's; "other" callers are enterprise B, the safety
/// officer and a safety API token. A POST carries the caller's antiforgery token and an empty form: a caller who
/// gets through authorization reaches the handler (an API endpoint gets the JSON body {}), which must refuse empty input without a 500 (sign-out is probed
/// last, since it ends the caller's session).
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private EvaluationApp _app = null!;

    private readonly Guid _evidenceId = Guid.NewGuid();
    private readonly Guid _scoringRunId = Guid.NewGuid();
    private readonly Guid _subscriptionId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _app = await EvaluationApp.StartSqliteAsync();
        await using var scope = _app.Db();
        var pdf = "%PDF-1.4 matrix"u8.ToArray();
        scope.Context.EvidenceFiles.Add(new EvidenceFile(_evidenceId, _app.Scenario.CampaignId, _app.Scenario.EnterpriseAId, "L1",
            "contract.pdf", "application/pdf", pdf.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
            pdf, null, Guid.NewGuid(), TestClock.Start.UtcDateTime));
        var run = new Web.Features.Scoring.ScoringRun(_scoringRunId, _app.Scenario.CampaignId, 0, "matrix", TestClock.Start.UtcDateTime);
        run.Complete(TestClock.Start.UtcDateTime);
        scope.Context.ScoringRuns.Add(run);
        scope.Context.Add(new Web.Features.Changes.WebhookSubscription(_subscriptionId, "hrss", "https://hrss.example.gov.cn/hooks",
            [Web.Features.Changes.ChangeKind.Published], "not-a-secret", 0, "matrix", TestClock.Start.UtcDateTime));
        // Enterprise A's application scored, so that its evaluation report exists for those allowed to read it.
        var application = await scope.Context.Applications.SingleAsync(a => a.Id == _app.Scenario.ApplicationAId);
        var campaign = await scope.Context.Campaigns.SingleAsync(c => c.Id == application.CampaignId);
        var enterprise = await scope.Context.Enterprises.SingleAsync(e => e.Id == application.EnterpriseId);
        var facts = await scope.Context.Facts.Where(f => f.EnterpriseId == enterprise.Id).ToListAsync();
        var scorer = _app.Services.GetRequiredService<Web.Features.Scoring.Scorer>();
        scope.Context.ScoreCardSnapshots.Add(scorer.Freeze(application, scorer.Score(campaign, enterprise, facts)));
        await scope.Context.Because("matrix arrange").SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] Callers =
        ["anonymous", "enterprise", "enterprise-other", "department", "department-other", "reviewer", "admin", "token", "token-other"];

    [Fact]
    public async Task EveryRoute_AnswersEveryCaller_AsApproved()
    {
        var clients = await ClientsAsync();
        var missing = new List<string>();
        var tokens = new Dictionary<string, string>();
        foreach (var (caller, client) in clients) tokens[caller] = await Forms.AntiforgeryTokenAsync(client);
        var table = new StringBuilder("# route | ").AppendJoin(" | ", Callers).Append('\n');
        foreach (var (method, pattern, api) in Routes())
        {
            var path = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => Sample(pattern.RawText ?? "", parameter.Name, missing),
                _ => "",
            }))));
            table.Append(method).Append(' ').Append('/').Append(pattern.RawText?.TrimStart('/'));
            foreach (var caller in Callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                    request.Content = api
                        ? new StringContent("{}", Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens[caller] });
                var response = await clients[caller].SendAsync(request);
                table.Append(" | ").Append((int)response.StatusCode);
            }
            table.Append('\n');
        }

        missing.ShouldBeEmpty("route parameters without a sample value (add them to Sample()): " + string.Join("; ", missing));
        Approve(table.ToString());
    }

    /// <summary>Each route with each method it answers; Razor pages (no method metadata) are probed with GET and POST.</summary>
    private IEnumerable<(string Method, RoutePattern Pattern, bool Api)> Routes()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(method => (Method: method, Pattern: e.RoutePattern, Api: e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)))
            .DistinctBy(r => (r.Method, r.Pattern.RawText))
            .OrderBy(r => r.Pattern.RawText == "account/logout")
            .ThenBy(r => r.Pattern.RawText, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal);
    }

    /// <summary>A value for a route parameter: enterprise A's or the hrss department's record, so "other" callers have something to be refused.</summary>
    private string Sample(string route, string parameter, List<string> missing)
    {
        var s = _app.Scenario;
        string? value = (route, parameter) switch
        {
            (_, "documentName") => "v1",
            (_, "creditCode") => Scenario.CreditCodeA,
            (_, "inputId") => "wage_arrears_cases",
            (_, "campaignId") => s.CampaignId.ToString(),
            (_, "applicationId") => s.ApplicationAId.ToString(),
            (_, "code") => "404",
            ({ } r, "chart") => r.Contains("dashboards/", StringComparison.Ordinal) ? "categories" : "radar",
            ({ } r, "id") when r.StartsWith("/evidence/", StringComparison.Ordinal) => _evidenceId.ToString(),
            ({ } r, "id") when r.StartsWith("certificates/", StringComparison.Ordinal) => Guid.Empty.ToString("N"), // public; no such certificate
            ({ } r, "id") when r.Contains("/enterprises/", StringComparison.Ordinal) => s.EnterpriseAId.ToString(),
            ({ } r, "id") when r.StartsWith("review/scoring/runs/", StringComparison.Ordinal) => _scoringRunId.ToString(),
            ({ } r, "id") when r.StartsWith("admin/subscriptions/", StringComparison.Ordinal) => _subscriptionId.ToString(),
            ({ } r, "id") when r.Contains("applications/", StringComparison.Ordinal) => s.ApplicationAId.ToString(),
            ({ } r, "id") when r.Contains("centre/campaigns/", StringComparison.Ordinal) || r.Contains("centre/dashboards/", StringComparison.Ordinal)
                => s.CampaignId.ToString(),
            _ => null,
        };
        if (value is null) missing.Add($"{{{parameter}}} in {route}");
        return value ?? Guid.Empty.ToString();
    }

    private async Task<Dictionary<string, HttpClient>> ClientsAsync() => new()
    {
        ["anonymous"] = _app.Anonymous(),
        ["enterprise"] = await _app.AsEnterprise(Scenario.EnterpriseA),
        ["enterprise-other"] = await _app.AsEnterprise(Scenario.EnterpriseB),
        ["department"] = await _app.AsDepartment("hrss"),
        ["department-other"] = await _app.AsDepartment("safety"),
        ["reviewer"] = await _app.AsReviewer(),
        ["admin"] = await _app.AsAdmin(),
        ["token"] = await _app.AsApi("hrss"),
        ["token-other"] = await _app.AsApi("safety"),
    };

    private static void Approve(string actual, [CallerFilePath] string here = "")
    {
        var approved = Path.Combine(Path.GetDirectoryName(here)!, "authorization-matrix.approved.txt");
        var received = Path.ChangeExtension(approved, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected == actual) { File.Delete(received); return; }
        File.WriteAllText(received, actual);
        expected.ShouldBe(actual, $"a route was added or answers differently; review the table, then: mv {received} {approved}");
    }
}
