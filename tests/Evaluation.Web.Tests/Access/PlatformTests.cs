using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Tests.Access;

/// <summary>Registration, account administration, language switch, health and the key ring.</summary>
public abstract class PlatformTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task Health_WithTheDatabaseUp_Is200()
    {
        var response = await App.Anonymous().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Register_WithAValidNewCreditCode_SignsIn_ButReachesNoEnterpriseUntilTheCentreConfirms()
    {
        var client = App.Anonymous();

        var response = await client.PostFormAsync("/account/register", Registration("91330206MA282GQN4P", "beilun-mould"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/registration");
        (await client.GetStringAsync("/account/registration")).ShouldContain("待评价中心确认");
        (await client.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no enterprise before the centre confirms");
        await using var scope = App.Db();
        (await scope.Context.Enterprises.AnyAsync(e => e.CreditCode == "91330206MA282GQN4P")).ShouldBeFalse();
        (await scope.Context.Accounts.SingleAsync(a => a.UserName == "beilun-mould")).EnterpriseId.ShouldBeNull();
    }

    [Fact]
    public async Task Register_WithABrokenCheckCharacter_IsRefusedAndSaysWhy()
    {
        var response = await App.Anonymous().PostFormAsync("/account/register", Registration("91330206MA282GQN4F", "broken-code"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("校验码不符");
        await using var scope = App.Db();
        (await scope.Context.Accounts.AnyAsync(a => a.UserName == "broken-code")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_AnEnterpriseAlreadyOnFile_AnswersAsForAnyCode_AndBindsNothing()
    {
        var response = await App.Anonymous().PostFormAsync("/account/register", Registration(Scenario.CreditCodeA, "second-a"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the same answer as for a code not on file: registration says nothing of what exists");
        response.Headers.Location!.OriginalString.ShouldBe("/account/registration");
        await using var scope = App.Db();
        (await scope.Context.Accounts.SingleAsync(a => a.UserName == "second-a")).EnterpriseId.ShouldBeNull();
    }

    [Fact]
    public async Task Admin_CreatesADepartmentAccount_WhichCanSignInWithThePasswordShownOnce()
    {
        var admin = await App.AsAdmin();

        var response = await admin.PostFormAsync("/admin/accounts", new()
        {
            ["Input.UserName"] = "officer-env", ["Input.DisplayName"] = "生态环境局经办人",
            ["Input.Role"] = "Department", ["Input.DepartmentId"] = "env",
        });

        var html = await response.Content.ReadAsStringAsync();
        var password = System.Text.RegularExpressions.Regex.Match(html, "class=\"secret\">([^<]+)<").Groups[1].Value;
        password.Length.ShouldBe(14);
        var officer = App.Anonymous();
        (await officer.PostFormAsync("/account/login", new() { ["UserName"] = "officer-env", ["Password"] = password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Culture_SwitchToEnglish_ShowsTheLayoutInEnglish()
    {
        var client = App.Anonymous();
        (await client.GetStringAsync("/")).ShouldContain("宁波市和谐企业评价平台");

        var response = await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/directory" });

        response.Headers.Location!.OriginalString.ShouldBe("/directory");
        var english = await client.GetStringAsync("/directory");
        english.ShouldContain("Ningbo Harmonious Enterprise Evaluation");
        english.ShouldContain("lang=\"en\"");
    }

    [Fact]
    public async Task HomePage_ShowsTheCampaignUnderWayWithItsPhase_InOneLanguage_AndNoRegistrationOnceSignedIn()
    {
        // The scenario's 2018 campaign on the test clock's 2018-06-15: member departments' data since 05-01, review from 07-01.
        var client = App.Anonymous();
        var chinese = await client.GetStringAsync("/");
        var item = Item(chinese);
        item.ShouldContain("2018年度宁波市和谐企业评价");
        item.ShouldContain("当前阶段：成员单位报送数据（自 2018-05-01 起）");
        item.ShouldContain("下一阶段：评审，2018-07-01 开始");
        chinese.ShouldContain("href=\"/account/register\"");
        chinese.ShouldContain("rel=\"icon\" href=\"/favicon.svg");
        (await client.GetAsync("/favicon.svg")).Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");

        await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" });
        var english = await client.GetStringAsync("/");
        Item(english).ShouldContain("Current phase: member departments&#x27; data (since 2018-05-01)");
        Item(english).ShouldContain("Next phase: Review, from 2018-07-01");
        english.ShouldNotContain("当前阶段");
        english.ShouldNotContain("“五加一” 评价"); // the footer's motto follows the language too

        var signedIn = await (await App.AsEnterprise(Scenario.EnterpriseA)).GetStringAsync("/");
        signedIn.ShouldNotContain("/account/register");
        signedIn.ShouldContain("href=\"/enterprise\"");

        string Item(string html)
        {
            var start = html.IndexOf($"data-campaign=\"{App.Scenario.CampaignId}\"", StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0, "the scenario's campaign is listed");
            return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
        }
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase()
    {
        await App.AsReviewer(); // signing in protects a cookie, so the key ring exists

        await using var scope = App.Db();
        (await scope.Context.DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
        (await scope.Context.DataProtectionKeys.FirstAsync()).Xml!.ShouldContain("<key ");
    }

    [Fact]
    public async Task SecurityStampChange_SignsOutCookiesAlreadyIssued()
    {
        var officer = await App.SignedIn("officer-safety");
        (await officer.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = App.Db())
        {
            var users = scope.Services.GetRequiredService<UserManager<Evaluation.Web.Features.Accounts.Account>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("officer-safety"))!);
        }

        App.Clock.Advance(TimeSpan.FromSeconds(1));

        var response = await officer.GetAsync("/department/data");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/login");
    }

    private static Dictionary<string, string> Registration(string creditCode, string userName) => new()
    {
        ["Input.CreditCode"] = creditCode, ["Input.Name"] = "宁波北仑测试模具有限公司", ["Input.District"] = "Beilun",
        ["Input.IndustryCode"] = "C3525", ["Input.SizeClass"] = "Small", ["Input.UserName"] = userName,
        ["Input.Password"] = "Registered-2018x",
    };
}

[Collection(PostgresCollection.Name)]
public sealed class PlatformTestsOnPostgres(PostgresServer server, AppHolder holder)
    : PlatformTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class PlatformTestsOnSqlite(AppHolder holder) : PlatformTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
