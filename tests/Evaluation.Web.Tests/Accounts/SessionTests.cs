using System.Text.RegularExpressions;
using Evaluation.Web.Features.Accounts;

namespace Evaluation.Web.Tests.Accounts;

/// <summary>
/// Issue 15 item 3: a session ends when its account says so. Sign-out, a password change or reset, the administrator's
/// "end sessions", disabling and a role change each make every copy of the old cookie worthless at once (the security
/// stamp, checked on every request); a disabled account cannot sign in; a PostgreSQL deployment gets its first
/// administrator from the <c>create-administrator</c> command. On both providers.
/// </summary>
public abstract partial class SessionTests(AppHolder holder) : AppTests(holder)
{
    private const string CentrePage = "/review";

    [Fact]
    public async Task SignOut_EndsTheSession_ForEveryCopyOfTheCookie()
    {
        var name = await AccountSession.NewAccountAsync(App, Role.Reviewer);
        var session = await AccountSession.SignInAsync(App, name);
        var copied = session.CookieHeader;
        (await AccountSession.StolenCookie(App, copied).GetAsync(CentrePage)).StatusCode.ShouldBe(HttpStatusCode.OK, "the copy works while signed in");

        (await session.Client.PostFormAsync("/account/logout", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = await AccountSession.StolenCookie(App, copied).GetAsync(CentrePage);
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the signed-out cookie must not reach the review desk");
        replay.Headers.Location!.ToString().ShouldStartWith("http://localhost/account/login");
        (await AuditActionsAsync()).ShouldContain("SignedOut");
    }

    [Fact]
    public async Task PasswordChange_KeepsThisSession_EndsTheOthers_AndOnlyTheNewPasswordSignsIn()
    {
        var name = await AccountSession.NewAccountAsync(App, Role.Enterprise);
        var here = await AccountSession.SignInAsync(App, name);
        var elsewhere = await AccountSession.SignInAsync(App, name);
        const string next = "Zq8-new-Passphrase";

        var wrong = await here.Client.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = "not-the-password", ["NewPassword"] = next, ["ConfirmPassword"] = next }, "/account/password");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("当前密码不正确");
        (await elsewhere.Client.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused change ends nothing");

        var changed = await here.Client.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = Scenario.Password, ["NewPassword"] = next, ["ConfirmPassword"] = next }, "/account/password");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadAsStringAsync()).ShouldContain("密码已修改");

        (await here.Client.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that changed it goes on");
        (await elsewhere.Client.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the other session ended");
        await Should.ThrowAsync<InvalidOperationException>(() => App.SignedIn(name));
        await App.SignedIn(name, next);
    }

    [Fact]
    public async Task Administrator_ResetsAPassword_EndsSessions_AndDisables_EachEndingTheAccountsSessions()
    {
        var name = await AccountSession.NewAccountAsync(App, Role.Department);
        var id = await IdOfAsync(name);
        var admin = await App.AsAdmin();

        var officer = await AccountSession.SignInAsync(App, name);
        (await Admin(admin, "EndSessions", id)).ShouldContain("已结束该账号的全部登录");
        (await officer.Client.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "ended by the administrator");

        officer = await AccountSession.SignInAsync(App, name);
        var reset = await Admin(admin, "Reset", id);
        var password = NewPassword().Match(reset).Groups[1].Value;
        password.Length.ShouldBe(14, "the new password is shown once");
        (await officer.Client.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a reset ends the session");
        await Should.ThrowAsync<InvalidOperationException>(() => App.SignedIn(name));
        officer = await AccountSession.SignInAsync(App, name, password);

        (await Admin(admin, "Disable", id)).ShouldContain("账号已停用");
        (await officer.Client.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "disabling ends the session");
        await Should.ThrowAsync<InvalidOperationException>(() => App.SignedIn(name, password));

        (await Admin(admin, "Enable", id)).ShouldContain("账号已启用");
        await App.SignedIn(name, password);
        var actions = await AuditActionsAsync(id);
        actions.ShouldContain("SessionsEnded");
        actions.ShouldContain("PasswordReset");
    }

    [Fact]
    public async Task RoleChange_EndsTheSession_AndTheNextSignInCarriesTheNewRole()
    {
        var name = await AccountSession.NewAccountAsync(App, Role.Reviewer);
        var id = await IdOfAsync(name);
        var reviewer = await AccountSession.SignInAsync(App, name);
        (await reviewer.Client.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await App.AsAdmin();
        (await Admin(admin, "Role", id, new() { ["role"] = "Administrator" })).ShouldContain("角色已更改");

        (await reviewer.Client.GetAsync(CentrePage)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old role's session ended");
        var again = await App.SignedIn(name);
        (await again.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK, "signed in again as an administrator");
    }

    [Theory]
    [InlineData("Enterprise")]
    [InlineData("7")]
    [InlineData("Root")]
    public async Task AdministratorForms_WithARoleTheyDoNotOffer_AnswerAMessage_Not500(string role)
    {
        var admin = await App.AsAdmin();
        var create = await admin.PostFormAsync("/admin/accounts", new()
        {
            ["Input.UserName"] = "new-" + Guid.NewGuid().ToString("N")[..8], ["Input.DisplayName"] = "新账号", ["Input.Role"] = role,
        }, "/admin/accounts");
        create.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await create.Content.ReadAsStringAsync()).ShouldContain("请选择角色");

        var id = await IdOfAsync(await AccountSession.NewAccountAsync(App, Role.Reviewer));
        (await Admin(admin, "Role", id, new() { ["role"] = role })).ShouldContain("角色无效");
    }

    [Fact]
    public async Task CreateAdministratorCommand_MakesTheFirstAdministrator_WhoSignsIn()
    {
        var output = new StringWriter();
        var name = "root-" + Guid.NewGuid().ToString("N")[..8];

        var exit = await AdministratorCommand.TryRunAsync(App.Services, [AdministratorCommand.Name, name, "中心管理员"], output);

        exit.ShouldBe(0, output.ToString());
        var password = Regex.Match(output.ToString(), @"password \(shown once; change it after signing in\): (\S+)").Groups[1].Value;
        var admin = await App.SignedIn(name, password);
        (await admin.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AdministratorCommand.TryRunAsync(App.Services, [AdministratorCommand.Name, name], new StringWriter())).ShouldBe(1, "the name is taken");
        (await AdministratorCommand.TryRunAsync(App.Services, [AdministratorCommand.Name, "bad name!"], new StringWriter())).ShouldBe(2);
        (await AdministratorCommand.TryRunAsync(App.Services, [], new StringWriter())).ShouldBeNull("no command: the app serves");
    }

    private static async Task<string> Admin(HttpClient admin, string handler, Guid id, Dictionary<string, string>? fields = null)
    {
        var response = await admin.PostFormAsync($"/admin/accounts?handler={handler}&id={id}", fields ?? [], "/admin/accounts");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, handler);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> IdOfAsync(string userName)
    {
        await using var scope = App.Db();
        return await scope.Context.Accounts.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync();
    }

    private async Task<List<string>> AuditActionsAsync(Guid? account = null)
    {
        await using var scope = App.Db();
        return await scope.Context.AuditEntries.Where(e => e.EntityType == "Account" && (account == null || e.EntityId == account.ToString()))
            .Select(e => e.Action).ToListAsync();
    }

    [GeneratedRegex("""<span class="secret">([^<]+)</span>""")]
    private static partial Regex NewPassword();
}

public sealed class SessionTestsOnSqlite(AppHolder holder) : SessionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class SessionTestsOnPostgres(PostgresServer server, AppHolder holder) : SessionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}
