namespace Evaluation.Web.Tests.Access;

/// <summary>
/// Least privilege, door by door: each role reaches its own pages, gets 403 at another role's door, and
/// 404 for another enterprise's or department's record (its existence is not revealed).
/// </summary>
public abstract class RoleAccessTests(AppHolder holder) : AppTests(holder)
{
    public enum As { Anonymous, EnterpriseA, Hrss, Reviewer, Admin }

    private async Task<HttpClient> ClientAsync(As who) => who switch
    {
        As.Anonymous => App.Anonymous(),
        As.EnterpriseA => await App.AsEnterprise(),
        As.Hrss => await App.AsDepartment("hrss"),
        As.Reviewer => await App.AsReviewer(),
        _ => await App.AsAdmin(),
    };

    private string Url(string template) => template
        .Replace("{appA}", S.ApplicationAId.ToString(), StringComparison.Ordinal)
        .Replace("{appB}", S.ApplicationBId.ToString(), StringComparison.Ordinal)
;

    [Theory]
    // public pages
    [InlineData("/", As.Anonymous, 200)]
    [InlineData("/directory", As.Anonymous, 200)]
    [InlineData("/directory", As.EnterpriseA, 200)]
    [InlineData("/health", As.Anonymous, 200)]
    // the enterprise door
    [InlineData("/enterprise", As.Anonymous, 302)]
    [InlineData("/enterprise", As.EnterpriseA, 200)]
    [InlineData("/enterprise", As.Hrss, 403)]
    [InlineData("/enterprise", As.Reviewer, 403)]
    [InlineData("/enterprise", As.Admin, 403)]
    [InlineData("/enterprise/applications/{appA}", As.EnterpriseA, 200)]
    [InlineData("/enterprise/applications/{appB}", As.EnterpriseA, 404)]
    [InlineData("/enterprise/applications/{appA}", As.Hrss, 403)]
    // the department door: DepartmentDataTests.Get_DeskPageAsRole_AnswersExpectedStatus
    // the centre's doors
    [InlineData("/review", As.Anonymous, 302)]
    [InlineData("/review", As.Reviewer, 200)]
    [InlineData("/review", As.Admin, 200)]
    [InlineData("/review", As.EnterpriseA, 403)]
    [InlineData("/review", As.Hrss, 403)]
    [InlineData("/review/applications/{appA}", As.Reviewer, 200)]
    [InlineData("/review/applications/{appA}", As.EnterpriseA, 403)]
    [InlineData("/admin/accounts", As.Anonymous, 302)]
    [InlineData("/admin/accounts", As.Admin, 200)]
    [InlineData("/admin/accounts", As.Reviewer, 403)]
    [InlineData("/admin/accounts", As.Hrss, 403)]
    [InlineData("/admin/accounts", As.EnterpriseA, 403)]
    public async Task Get_PageAsRole_AnswersExpectedStatus(string url, As who, int expected)
    {
        var client = await ClientAsync(who);

        var response = await client.GetAsync(Url(url));

        ((int)response.StatusCode).ShouldBe(expected, $"{who} GET {url}");
        if (expected == 302) response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/login");
    }

    [Fact]
    public async Task Submit_AnotherEnterprisesApplication_Is404AndChangesNothing()
    {
        var client = await App.AsEnterprise();

        var response = await client.PostFormAsync($"/enterprise/applications/{S.ApplicationBId}?handler=Submit", []);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/enterprise/applications/{S.ApplicationAId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = App.Db();
        (await scope.Context.Applications.FindAsync(S.ApplicationBId))!.Status.ToString().ShouldBe("Draft");
    }

    [Fact]
    public async Task DeskEntry_MalformedValue_IsRefusedNamingTheInputAndStoresNothing()
    {
        var client = await App.AsDepartment("hrss");
        var before = await FactCountAsync();

        var response = await client.PostFormAsync($"/department/data/enterprises/{S.EnterpriseAId}",
            new() { ["Entry.InputId"] = "wage_arrears_cases", ["Entry.Value"] = "3.5", ["Entry.Note"] = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK); // the form again, with the error
        (await response.Content.ReadAsStringAsync()).ShouldContain("拖欠工资案件数");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task TheOldDepartmentAddress_LeadsToTheDesk()
    {
        var response = await (await App.AsDepartment("hrss")).GetAsync("/department");

        response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.OriginalString.ShouldBe("/department/data");
    }

    private async Task<int> FactCountAsync()
    {
        await using var scope = App.Db();
        return await scope.Context.Facts.CountAsync();
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = await App.AsDepartment("hrss");

        var response = await client.PostAsync($"/department/data/enterprises/{S.EnterpriseAId}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Entry.InputId"] = "wage_arrears_cases", ["Entry.Value"] = "3", ["Entry.Note"] = "x" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Login_WrongPasswordFiveTimes_HoldsTheNameAtThatAddress_WithTheSameMessage()
    {
        var name = await Accounts.AccountSession.NewAccountAsync(App, Web.Features.Accounts.Role.Department);
        var client = App.Anonymous();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.4.4.4");
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/account/login", new() { ["UserName"] = name, ["Password"] = "wrong-password" });

        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = name, ["Password"] = Scenario.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK); // no redirect: held back from this address
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("用户名或密码错误");
        html.ShouldNotContain("锁定", customMessage: "only a real account could say it is locked: the message is the same for every failure");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class RoleAccessTestsOnPostgres(PostgresServer server, AppHolder holder)
    : RoleAccessTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class RoleAccessTestsOnSqlite(AppHolder holder) : RoleAccessTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
