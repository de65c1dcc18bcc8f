using System.Text.Json;
using System.Text.RegularExpressions;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.SelfAssessment;

/// <summary>The enterprise's self-assessment: a form generated from its catalogue variant, validated, scored and submitted.</summary>
public abstract partial class SelfAssessmentTests(AppHolder holder) : AppTests(holder)
{
    [GeneratedRegex("<(?:input|select)[^>]*\\bname=\"f\\.([a-z0-9_]+)\"")]
    private static partial Regex EditableField();

    [Fact]
    public async Task Form_ListsExactlyTheEnterpriseAndSurveyInputsOfItsVariant()
    {
        var client = await App.AsEnterprise();
        var catalogue = NewEnterprise.Catalogue(App, "C1711");

        var html = await client.GetStringAsync($"/enterprise/applications/{S.ApplicationAId}/self-assessment");

        catalogue.Variant!.Id.ShouldBe("textiles");
        var listed = EditableField().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        var expected = catalogue.Catalogue.Inputs.Where(i => i.Source is "enterprise" or "survey").Select(i => i.Id).ToHashSet();
        listed.Order().ShouldBe(expected.Order());
        html.ShouldContain("来自 人社局"); // department inputs beside, read-only
    }

    [Fact]
    public async Task Form_ShowsTheDepartmentsValueReadOnly()
    {
        var client = await App.AsEnterprise();

        var html = await client.GetStringAsync($"/enterprise/applications/{S.ApplicationAId}/self-assessment");

        html.ShouldContain("<output id=\"f.wage_arrears_cases\">0</output>");
    }

    [Fact]
    public async Task Save_MalformedValue_IsRejectedNamingTheFieldInChineseAndStoresNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(e.FormUrl,
            new() { ["f.employees"] = "四百", ["f.contracts_signed"] = "-3", ["f.revenue"] = "1200" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("「年末职工人数」应为整数");
        html.ShouldContain("「已签订书面劳动合同人数」不得小于 0");
        await using var db = App.Db();
        (await db.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task Save_UnknownOrDepartmentInput_IsRejected()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(e.FormUrl, new() { ["f.wage_arrears_cases"] = "0", ["f.employees"] = "10" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var db = App.Db();
        (await db.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task Save_AgainWithAnotherValue_SupersedesTheEarlierAnswer()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        (await client.PostFormAsync(e.FormUrl, new() { ["f.employees"] = "100" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync(e.FormUrl, new() { ["f.employees"] = "120" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var db = App.Db();
        var facts = await db.Context.Facts.Where(f => f.EnterpriseId == e.EnterpriseId && f.InputId == "employees").ToListAsync();
        facts.Count.ShouldBe(2);
        facts.Single(f => f.SupersededById == null).ValueText.ShouldBe("120");
        facts.ShouldAllBe(f => f.Origin == FactOrigin.Enterprise);
    }

    [Fact]
    public async Task ProvisionalScore_EqualsTheEnginesScoreCardForTheSameFacts()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        await AddDepartmentFactAsync(e, "wage_arrears_cases", "hrss", "2");
        await AddFactAsync(e, "wage_arrears_cases", "0", FactOrigin.Enterprise, null); // the department's 2 must win
        (await client.PostFormAsync(e.FormUrl, new()
        {
            ["f.employees"] = "400", ["f.contracts_signed"] = "396", ["f.revenue"] = "52000", ["f.revenue_prev"] = "48000",
            ["f.land_area_mu"] = "60", ["f.rd_spend"] = "900",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var json = JsonDocument.Parse(await client.GetStringAsync(e.FormUrl + "?handler=Score"));

        var plan = NewEnterprise.Catalogue(App, "C1711").Plan;
        var facts = new Dictionary<string, object?>
        {
            ["wage_arrears_cases"] = 2m, ["employees"] = 400m, ["contracts_signed"] = 396m, ["revenue"] = 52000m,
            ["revenue_prev"] = 48000m, ["land_area_mu"] = 60m, ["rd_spend"] = 900m,
        };
        var card = plan.Evaluate(plan.Bind(facts, [])!);
        json.RootElement.GetProperty("total").GetDecimal().ShouldBe(card.Total);
        json.RootElement.GetProperty("grade").GetString().ShouldBe(card.Grade);
        json.RootElement.GetProperty("missing").GetArrayLength().ShouldBe(card.MissingInputs.Length);
        json.RootElement.GetProperty("indicators").GetArrayLength().ShouldBe(card.Indicators.Length);
    }

    [Fact]
    public async Task ImprovementPlan_ListsEveryIndicatorShortOfItsMaximumByPointsRecoverable()
    {
        var client = await App.AsEnterprise();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/enterprise/applications/{S.ApplicationAId}/self-assessment?handler=Score"));

        var indicators = json.RootElement.GetProperty("indicators").EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetString(), Gap: i.GetProperty("max").GetDecimal() - i.GetProperty("points").GetDecimal()))
            .Where(i => i.Gap > 0).ToList();
        var plan = json.RootElement.GetProperty("plan").EnumerateArray().ToList();
        plan.Select(p => p.GetProperty("id").GetString()).Order().ShouldBe(indicators.Select(i => i.Id).Order());
        plan.Select(p => p.GetProperty("recoverable").GetDecimal()).ShouldBe(plan.Select(p => p.GetProperty("recoverable").GetDecimal()).OrderDescending());
        plan.ShouldAllBe(p => p.GetProperty("rule").GetString()!.Length > 0);
        plan.Single(p => p.GetProperty("id").GetString() == "L1").GetProperty("now").GetString()!.ShouldContain("缺失");
        // Scenario A's indicators are missing or at rules without a step: every step is null here (NextStepTests cover the steps).
        plan.ShouldAllBe(p => p.GetProperty("step").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Preview_ScoresUnsavedAnswersAndStoresNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(e.FormUrl + "?handler=Preview",
            new() { ["f.employees"] = "400", ["f.contracts_signed"] = "400", ["f.revenue"] = "abc" }, e.FormUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("errors").GetProperty("revenue").GetString()!.ShouldContain("「本年营业收入」");
        var plan = NewEnterprise.Catalogue(App, "C1711").Plan;
        var card = plan.Evaluate(plan.Bind(new Dictionary<string, object?> { ["employees"] = 400m, ["contracts_signed"] = 400m }, [])!);
        json.RootElement.GetProperty("score").GetProperty("total").GetDecimal().ShouldBe(card.Total);
        await using var db = App.Db();
        (await db.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "?handler=Score")]
    [InlineData("POST", "")]
    [InlineData("POST", "?handler=Preview")]
    [InlineData("POST", "?handler=Submit")]
    public async Task AnotherEnterprisesApplication_IsNotFound(string method, string handler)
    {
        var client = await App.AsEnterprise();
        var url = $"/enterprise/applications/{S.ApplicationBId}/self-assessment{handler}";

        var response = method == "GET" ? await client.GetAsync(url)
            : await client.PostFormAsync(url, new() { ["f.employees"] = "1" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = App.Db();
        (await db.Context.Applications.SingleAsync(a => a.Id == S.ApplicationBId)).Status.ShouldBe(ApplicationStatus.Draft);
        (await db.Context.Facts.CountAsync(f => f.EnterpriseId == S.EnterpriseBId)).ShouldBe(0);
    }

    [Theory]
    [InlineData("/enterprise/apply", "anonymous", 302)]
    [InlineData("/enterprise/apply", "hrss", 403)]
    [InlineData("/enterprise/apply", "reviewer", 403)]
    [InlineData("/enterprise/apply", "enterprise", 200)]
    [InlineData("/enterprise/applications/{appA}/self-assessment", "anonymous", 302)]
    [InlineData("/enterprise/applications/{appA}/self-assessment", "hrss", 403)]
    [InlineData("/enterprise/applications/{appA}/self-assessment", "reviewer", 403)]
    [InlineData("/enterprise/applications/{appA}/self-assessment?handler=Score", "hrss", 403)]
    public async Task EnterpriseDoor_OtherRolesAreTurnedAway(string template, string who, int expected)
    {
        var client = who switch
        {
            "anonymous" => App.Anonymous(),
            "hrss" => await App.AsDepartment("hrss"),
            "reviewer" => await App.AsReviewer(),
            _ => await App.AsEnterprise(),
        };

        var response = await client.GetAsync(template.Replace("{appA}", S.ApplicationAId.ToString(), StringComparison.Ordinal));

        ((int)response.StatusCode).ShouldBe(expected);
    }

    [Fact]
    public async Task Submit_LocksTheApplicationAndFreezesItsScoreCard()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        await client.PostFormAsync(e.FormUrl, new() { ["f.employees"] = "50" });

        var submit = await client.PostFormAsync(e.FormUrl + "?handler=Submit", []);
        var again = await client.PostFormAsync(e.FormUrl, new() { ["f.employees"] = "60" });

        submit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var db = App.Db();
        var application = await db.Context.Applications.SingleAsync(a => a.Id == e.ApplicationId);
        application.Status.ShouldBe(ApplicationStatus.Submitted);
        application.SubmittedAt.ShouldBe(TestClock.Start.UtcDateTime);
        (await db.Context.ScoreCardSnapshots.CountAsync(s => s.ApplicationId == e.ApplicationId)).ShouldBe(1);
        (await db.Context.Facts.Where(f => f.EnterpriseId == e.EnterpriseId && f.SupersededById == null).SingleAsync())
            .ValueText.ShouldBe("50");
        var status = await client.GetStringAsync($"/enterprise/applications/{e.ApplicationId}");
        status.ShouldContain("已提交");
    }

    [Fact]
    public async Task Submit_WithAValueTheEngineCannotRead_IsRefusedAndSaysWhich()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await AddDepartmentFactAsync(e, "wage_arrears_cases", "hrss", "几起");
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(e.FormUrl + "?handler=Submit", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("wage_arrears_cases");
        await using var db = App.Db();
        (await db.Context.Applications.SingleAsync(a => a.Id == e.ApplicationId)).Status.ShouldBe(ApplicationStatus.Draft);
        (await db.Context.ScoreCardSnapshots.CountAsync(s => s.ApplicationId == e.ApplicationId)).ShouldBe(0);
    }

    [Fact]
    public async Task Radar_ShowsTheIndustryAverageOncePeersOfTheVariantHaveScoreCards()
    {
        var peer = await NewEnterprise.CreateAsync(App, "C1810"); // garments: the same textiles variant
        var peerClient = await App.SignedIn(peer.UserName);
        await peerClient.PostFormAsync(peer.FormUrl, new() { ["f.employees"] = "80", ["f.contracts_signed"] = "80" });
        (await peerClient.PostFormAsync(peer.FormUrl + "?handler=Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var client = await App.AsEnterprise();

        var html = await client.GetStringAsync($"/enterprise/applications/{S.ApplicationAId}/self-assessment");

        var average = Regex.Match(html, "data-average=\"([^\"]*)\"").Groups[1].Value;
        JsonDocument.Parse(WebUtility.HtmlDecode(average)).RootElement.GetArrayLength().ShouldBe(5);
        html.ShouldContain("行业平均 industry average（2018年度宁波市和谐企业评价");
    }

    [Fact]
    public async Task Apply_ToTheOpenCampaign_CreatesOneDraftOnTheIndustryVariant()
    {
        var campaignId = await OpenCampaignAsync();
        var e = await NewEnterprise.CreateAsync(App, "C1711", withApplication: false);
        var client = await App.SignedIn(e.UserName);

        var page = await client.GetStringAsync("/enterprise/apply");
        var first = await client.PostFormAsync("/enterprise/apply",
            new() { ["CampaignId"] = campaignId.ToString(), ["Track"] = nameof(Track.SmallEnterprise), ["Modules"] = "M2" });
        var second = await client.PostFormAsync("/enterprise/apply",
            new() { ["CampaignId"] = campaignId.ToString(), ["Track"] = nameof(Track.Full) });

        page.ShouldContain("纺织服装");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        await using var db = App.Db();
        var application = await db.Context.Applications.SingleAsync(a => a.EnterpriseId == e.EnterpriseId);
        (application.CampaignId, application.Track, application.Status).ShouldBe((campaignId, Track.SmallEnterprise, ApplicationStatus.Draft));
        application.AimedModules.ShouldBe(["M2"]);
        first.Headers.Location!.OriginalString.ShouldContain(application.Id.ToString());
        var form = await client.GetStringAsync(first.Headers.Location!.OriginalString);
        form.ShouldContain("M2 工资与社保");
        // Nothing answered yet: no module passes, so no level is within reach.
        form.ShouldContain("按当前自评可达等级");
        form.ShouldContain("尚无 none yet");
    }

    [Fact]
    public async Task Apply_SmallEnterpriseTrackWithoutModules_IsRefused()
    {
        var campaignId = await OpenCampaignAsync();
        var e = await NewEnterprise.CreateAsync(App, "C1711", withApplication: false);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync("/enterprise/apply",
            new() { ["CampaignId"] = campaignId.ToString(), ["Track"] = nameof(Track.SmallEnterprise) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("请选择本周期创建的模块");
        await using var db = App.Db();
        (await db.Context.Applications.CountAsync(a => a.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task Apply_ToACampaignNotOpen_IsRefused()
    {
        var e = await NewEnterprise.CreateAsync(App, "C1711", withApplication: false);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync("/enterprise/apply",
            new() { ["CampaignId"] = S.CampaignId.ToString(), ["Track"] = nameof(Track.Full) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("未开放申报");
        await using var db = App.Db();
        (await db.Context.Applications.CountAsync(a => a.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    private async Task<Guid> OpenCampaignAsync()
    {
        await using var db = App.Db();
        var existing = await db.Context.Campaigns.Where(c => c.Year == 2019).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
        if (existing is { } id) return id;
        // Open on the test clock's day (2018-06-15) for self-assessment.
        var campaign = new Campaign(Guid.NewGuid(), 2019, "2019年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", new CampaignPhases(new DateOnly(2018, 6, 1), new DateOnly(2018, 8, 1),
                new DateOnly(2018, 9, 1), new DateOnly(2018, 10, 1), new DateOnly(2018, 10, 15)));
        db.Context.Campaigns.Add(campaign);
        await db.Context.Because("test arrange").SaveChangesAsync();
        return campaign.Id;
    }

    private Task AddDepartmentFactAsync(NewEnterprise e, string inputId, string department, string value) =>
        AddFactAsync(e, inputId, value, FactOrigin.Department, department);

    private async Task AddFactAsync(NewEnterprise e, string inputId, string value, FactOrigin origin, string? department)
    {
        await using var db = App.Db();
        db.Context.Facts.Add(new Fact(Guid.NewGuid(), S.CampaignId, e.EnterpriseId, inputId, FactValue.From(value), origin,
            department, null, "test", TestClock.Start.UtcDateTime));
        await db.Context.Because("test arrange").SaveChangesAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SelfAssessmentTestsOnPostgres(PostgresServer server, AppHolder holder)
    : SelfAssessmentTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class SelfAssessmentTestsOnSqlite(AppHolder holder) : SelfAssessmentTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
