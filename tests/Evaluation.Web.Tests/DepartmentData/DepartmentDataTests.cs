namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// The department door: scope from the catalogue, per-enterprise entry with history, and CSV files that
/// apply whole or not at all. Each test writes its own inputs, so the order of tests does not matter.
/// </summary>
public abstract class DepartmentDataTests(AppHolder holder) : AppTests(holder)
{
    private const string Header = "统一社会信用代码 credit_code,最低工资违规 overtime_pay_violations,女职工 women_protection_violations";

    [Fact]
    public async Task Search_ByNameOrCreditCode_FindsTheCampaignsEnterprise()
    {
        var hrss = await App.AsDepartment("hrss");

        var byName = await hrss.GetStringAsync("/department/data?q=甲纺织");
        var byCode = await hrss.GetStringAsync("/department/data?q=91330212");

        byName.ShouldContain(S.EnterpriseAId.ToString());
        byCode.ShouldContain(S.EnterpriseBId.ToString());
        byCode.ShouldNotContain(S.EnterpriseAId.ToString());
    }

    [Fact]
    public async Task Enterprise_ShowsOnlyTheDepartmentsInputs()
    {
        var hrss = await App.AsDepartment("hrss");

        var html = await hrss.GetStringAsync($"/department/data/enterprises/{S.EnterpriseAId}");

        html.ShouldContain("wage_arrears_cases");
        html.ShouldNotContain("injury_accidents");
    }

    [Fact]
    public async Task Centre_ReadsEveryDepartmentsInputsAndHistory_ButWritesNothing()
    {
        var reviewer = await App.AsReviewer();
        var before = await FactCountAsync();

        var page = await reviewer.GetStringAsync($"/department/data/enterprises/{S.EnterpriseAId}");
        var history = await reviewer.GetAsync($"/department/data/enterprises/{S.EnterpriseAId}/history/injury_accidents");
        var write = await reviewer.PostFormAsync($"/department/data/enterprises/{S.EnterpriseAId}",
            new() { ["Entry.InputId"] = "injury_accidents", ["Entry.Value"] = "0", ["Entry.Note"] = "x" });
        var upload = await reviewer.GetAsync("/department/data/upload");

        page.ShouldContain("wage_arrears_cases");
        page.ShouldContain("injury_accidents");
        page.ShouldNotContain("name=\"Entry.Value\"");
        history.StatusCode.ShouldBe(HttpStatusCode.OK);
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        upload.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await FactCountAsync()).ShouldBe(before);
    }

    public enum As { Anonymous, EnterpriseA, Hrss, Reviewer, Admin }

    [Theory]
    [InlineData("/department/data", As.Anonymous, 302)]
    [InlineData("/department/data", As.EnterpriseA, 403)]
    [InlineData("/department/data", As.Hrss, 200)]
    [InlineData("/department/data", As.Reviewer, 200)]
    [InlineData("/department/data/enterprises/{A}", As.EnterpriseA, 403)]
    [InlineData("/department/data/enterprises/{A}", As.Anonymous, 302)]
    [InlineData("/department/data/enterprises/{A}/history/wage_arrears_cases", As.EnterpriseA, 403)]
    [InlineData("/department/data/enterprises/{A}/history/wage_arrears_cases", As.Hrss, 200)]
    [InlineData("/department/data/upload", As.Anonymous, 302)]
    [InlineData("/department/data/upload", As.EnterpriseA, 403)]
    [InlineData("/department/data/upload", As.Reviewer, 403)]
    [InlineData("/department/data/upload", As.Hrss, 200)]
    [InlineData("/admin/department-tokens", As.Anonymous, 302)]
    [InlineData("/admin/department-tokens", As.Hrss, 403)]
    [InlineData("/admin/department-tokens", As.Reviewer, 403)]
    [InlineData("/admin/department-tokens", As.EnterpriseA, 403)]
    [InlineData("/admin/department-tokens", As.Admin, 200)]
    public async Task Get_DeskPageAsRole_AnswersExpectedStatus(string url, As who, int expected)
    {
        var client = who switch
        {
            As.Anonymous => App.Anonymous(),
            As.EnterpriseA => await App.AsEnterprise(),
            As.Hrss => await App.AsDepartment("hrss"),
            As.Reviewer => await App.AsReviewer(),
            _ => await App.AsAdmin(),
        };

        var response = await client.GetAsync(url.Replace("{A}", S.EnterpriseAId.ToString(), StringComparison.Ordinal));

        ((int)response.StatusCode).ShouldBe(expected, $"{who} GET {url}");
    }

    [Fact]
    public async Task IssueToken_AsAnOfficer_Is403AndIssuesNothing()
    {
        var hrss = await App.AsDepartment("hrss");

        var response = await hrss.PostFormAsync("/admin/department-tokens?handler=Issue",
            new() { ["departmentId"] = "hrss", ["name"] = "mine" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var scope = App.Db();
        (await scope.Context.Set<Web.Features.DepartmentData.Api.DepartmentToken>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Entry_AnotherDepartmentsInput_Is403AndStoresNothing()
    {
        var hrss = await App.AsDepartment("hrss");
        var before = await FactCountAsync();

        var response = await hrss.PostFormAsync($"/department/data/enterprises/{S.EnterpriseAId}",
            new() { ["Entry.InputId"] = "injury_accidents", ["Entry.Value"] = "0", ["Entry.Note"] = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task History_AnotherDepartmentsInput_Is404()
    {
        var hrss = await App.AsDepartment("hrss");

        var response = await hrss.GetAsync($"/department/data/enterprises/{S.EnterpriseAId}/history/injury_accidents");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Correction_KeepsWhoWhenOldNewAndWhy_AndNeedsANote()
    {
        var hrss = await App.AsDepartment("hrss");
        var url = $"/department/data/enterprises/{S.EnterpriseAId}";
        await hrss.PostFormAsync(url, new() { ["Entry.InputId"] = "min_wage_violations", ["Entry.Value"] = "2" });

        var noNote = await hrss.PostFormAsync(url, new() { ["Entry.InputId"] = "min_wage_violations", ["Entry.Value"] = "3" });
        await hrss.PostFormAsync(url, new() { ["Entry.InputId"] = "min_wage_violations", ["Entry.Value"] = "3", ["Entry.Note"] = "复查更正" });

        (await noNote.Content.ReadAsStringAsync()).ShouldContain("更正需要说明原因");
        var history = await hrss.GetStringAsync($"{url}/history/min_wage_violations");
        history.ShouldContain("2 → 3");
        history.ShouldContain("复查更正");
        history.ShouldContain("officer-hrss");
        (await CurrentAsync("min_wage_violations", S.EnterpriseAId)).ShouldBe(["3"]);
    }

    [Fact]
    public async Task Template_HasTheCreditCodeAndTheDepartmentsInputsWithChineseHeadersAndUnits()
    {
        var hrss = await App.AsDepartment("hrss");

        var bytes = await hrss.GetByteArrayAsync("/department/data/upload?handler=Template");
        var csv = System.Text.Encoding.UTF8.GetString(bytes);

        bytes[..3].ShouldBe(System.Text.Encoding.UTF8.Preamble.ToArray()); // so that Excel reads the Chinese headers
        csv.ShouldContain("统一社会信用代码 credit_code,");
        csv.ShouldContain("wage_arrears_cases (件)");
        csv.ShouldNotContain("injury_accidents");
    }

    [Fact]
    public async Task UploadPage_CarriesItsProgressBarScript()
    {
        var hrss = await App.AsDepartment("hrss");

        var page = await hrss.GetStringAsync("/department/data/upload");
        var script = await hrss.GetAsync("/js/upload-progress.js");

        page.ShouldContain("<progress");
        page.ShouldContain("/js/upload-progress.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_BadRows_ReportsEveryErrorByRowAndColumnAndStoresNothing()
    {
        var hrss = await App.AsDepartment("hrss");
        var before = await FactCountAsync();
        var csv = $"""
            {Header}
            {Scenario.CreditCodeA},abc,-1
            91330100716105852F,1,1
            ,1,1
            {Scenario.CreditCodeB},1,0
            {Scenario.CreditCodeB},2,0
            """;

        var (_, html) = await hrss.PreviewAsync(csv);

        html.ShouldContain("未保存任何数据");
        html.ShouldContain("<td>2</td><td>最低工资违规 overtime_pay_violations</td>"); // wrong type
        html.ShouldContain("<td>2</td><td>女职工 women_protection_violations</td>"); // out of range
        html.ShouldContain("no enterprise 91330100716105852F"); // row 3
        html.ShouldContain("missing credit code"); // row 4
        html.ShouldContain("duplicate row"); // row 6
        html.ShouldNotContain("name=\"upload\"");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Upload_UnknownColumn_IsReportedAndNothingStored()
    {
        var hrss = await App.AsDepartment("hrss");
        var before = await FactCountAsync();

        var (_, html) = await hrss.PreviewAsync($"{Header},工伤事故 injury_accidents\n{Scenario.CreditCodeA},1,1,1\n");

        html.ShouldContain("unknown column");
        html.ShouldContain("工伤事故 injury_accidents");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Upload_GoodFile_CommitsAndTheSameFileAgainChangesNothing()
    {
        var hrss = await App.AsDepartment("hrss");
        var csv = $"{Header}\n{Scenario.CreditCodeA},4,0\n{Scenario.CreditCodeB},1,\n";
        var (_, preview) = await hrss.PreviewAsync(csv);
        var before = await FactCountAsync();

        var commit = await hrss.CommitAsync(preview);
        var (_, again) = await hrss.PreviewAsync(csv);

        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FactCountAsync()).ShouldBe(before + 3);
        (await CurrentAsync("overtime_pay_violations", S.EnterpriseAId)).ShouldBe(["4"]);
        again.ShouldContain("0 changes");
        again.ShouldNotContain("name=\"upload\"");
    }

    private async Task<int> FactCountAsync()
    {
        await using var scope = App.Db();
        return await scope.Context.Facts.CountAsync();
    }

    private async Task<List<string>> CurrentAsync(string inputId, Guid enterpriseId)
    {
        await using var scope = App.Db();
        return await scope.Context.Facts.Where(f => f.InputId == inputId && f.EnterpriseId == enterpriseId && f.SupersededById == null)
            .Select(f => f.ValueText).ToListAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DepartmentDataTestsOnPostgres(PostgresServer server, AppHolder holder)
    : DepartmentDataTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class DepartmentDataTestsOnSqlite(AppHolder holder) : DepartmentDataTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
