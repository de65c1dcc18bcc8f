using Evaluation.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Evaluation.Web.Tests.Accounts;

/// <summary>
/// A browser's session with its cookie jar in reach: <see cref="StolenCookie"/> is what an attacker who copied the
/// cookie would send, from a client that never signs out.
/// </summary>
internal sealed class AccountSession
{
    private static readonly Uri Site = new("http://localhost");
    private readonly CookieContainer _jar = new();

    private AccountSession(EvaluationApp app) => Client = app.CreateDefaultClient(new CookieContainerHandler(_jar));

    public HttpClient Client { get; }

    /// <summary>The cookies as the browser sends them now.</summary>
    public string CookieHeader => _jar.GetCookieHeader(Site);

    public static async Task<AccountSession> SignInAsync(EvaluationApp app, string userName, string password = Scenario.Password)
    {
        var session = new AccountSession(app);
        var response = await session.Client.PostFormAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in as {userName}");
        return session;
    }

    /// <summary>A browser that has not signed in yet.</summary>
    public static Task<AccountSession> AnonymousAsync(EvaluationApp app) => Task.FromResult(new AccountSession(app));

    /// <summary>A client that sends <paramref name="cookieHeader"/> on every request and keeps nothing it is sent.</summary>
    public static HttpClient StolenCookie(EvaluationApp app, string cookieHeader)
    {
        var client = app.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    /// <summary>A new account of <paramref name="role"/> (department accounts in hrss) with the scenario's password.</summary>
    public static async Task<string> NewAccountAsync(EvaluationApp app, Role role, string? prefix = null)
    {
        var name = $"{prefix ?? role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30];
        await using var scope = app.Db();
        var accounts = scope.Services.GetRequiredService<AccountService>();
        var now = TestClock.Start.UtcDateTime;
        var account = role switch
        {
            Role.Department => Account.ForDepartment(Guid.NewGuid(), name, "测试经办人", "hrss", now),
            Role.Enterprise => Account.ForEnterprise(Guid.NewGuid(), name, "宁波甲纺织有限公司", app.Scenario.EnterpriseAId, now),
            _ => Account.ForCentre(Guid.NewGuid(), name, "测试" + role, role, now),
        };
        var result = await accounts.CreateAsync(account, Scenario.Password);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        return name;
    }
}
