using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Accounts;

namespace Evaluation.Web.Tests.Access;

/// <summary>
/// Issue 9: no secret reaches the logs or the audit trail. Everything a secret passes through is exercised with every
/// log level on — registration, sign-in right and wrong, an API token issued, used, and a forged one — and then no
/// captured message and no audit entry holds a password, a token or the stored password hash.
/// </summary>
public sealed partial class SecretsInLogsTests : IAsyncLifetime
{
    private const string Password = "Secret-Pass-7QxZ9k";
    private const string WrongPassword = "Wrong-Guess-3Hh8Jj";
    private const string ForgedToken = "forged-token-Zq81Lm0Pp2";
    private EvaluationApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string> { [EvaluationApp.CaptureLogs] = "true" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PasswordsTokensAndHashes_AppearInNoLogMessageAndNoAuditEntry()
    {
        var registered = await _app.Anonymous().PostFormAsync("/account/register", new()
        {
            ["Input.CreditCode"] = "91330206MA282GQN4P", ["Input.Name"] = "宁波北仑日志测试有限公司", ["Input.District"] = "Beilun",
            ["Input.IndustryCode"] = "C3525", ["Input.SizeClass"] = "Small", ["Input.UserName"] = "log-probe", ["Input.Password"] = Password,
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.Anonymous().PostFormAsync("/account/login", new() { ["UserName"] = "log-probe", ["Password"] = WrongPassword }))
            .StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        await _app.SignedIn("log-probe", Password);

        var admin = await _app.AsAdmin();
        var issued = await admin.PostFormAsync("/admin/department-tokens?handler=Issue", new() { ["departmentId"] = "hrss", ["name"] = "日志测试" },
            "/admin/department-tokens");
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = TokenShown().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
        token.Length.ShouldBeGreaterThan(20);
        var api = _app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}")).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        var forged = _app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken);
        (await forged.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        string passwordHash;
        List<string> audit;
        await using (var db = _app.Db())
        {
            passwordHash = (await db.Context.Set<Account>().SingleAsync(u => u.UserName == "log-probe")).PasswordHash!;
            audit = (await db.Context.AuditEntries.ToListAsync()).Select(e => $"{e.EntityType} {e.EntityId} {e.Reason} {e.Changes}").ToList();
        }
        var logs = _app.Logs.ToList();
        logs.Count.ShouldBeGreaterThan(50); // the capture works: requests, EF commands, authentication all logged
        logs.ShouldContain(l => l.Contains("/account/login", StringComparison.Ordinal));
        audit.ShouldContain(a => a.Contains("log-probe", StringComparison.Ordinal)); // the account's creation is audited
        foreach (var secret in new[] { Password, WrongPassword, token, ForgedToken, passwordHash })
        {
            logs.Where(l => l.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"a log message holds {secret[..6]}…");
            audit.Where(a => a.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"an audit entry holds {secret[..6]}…");
        }
    }

    [GeneratedRegex(@"<pre id=""issued-token"">([^<]+)</pre>")]
    private static partial Regex TokenShown();
}
