using System.Net.Http.Json;
using System.Text.Json;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Supervision;
using Evaluation.Web.Tests.SelfAssessment;

namespace Evaluation.Web.Tests.Measures;

/// <summary>
/// Joint measures kept current end to end: a published rating gives its incentives; a department's veto event ends
/// them and starts the bar on honours; the centre's revocation bars until the rating's former end; expiry ends what
/// ran out; every start and end is in the audit log. Departments read theirs by API and page (export too), the
/// enterprise its own with the basis.
/// </summary>
public abstract class MeasuresTests(AppHolder holder) : AppTests(holder)
{
    private const string Fatal = "fatal_or_general_accidents";
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);

    [Fact]
    public async Task APublishedRating_GivesItsIncentives_AVetoEventEndsThem_AndStartsTheBar_AllAudited()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        var first = await ReevaluateAsync(e.EnterpriseId);
        first.Started.Select(m => m.MeasureId).ShouldBe(
            ["special-funds", "rate-adjustment", "public-services", "honours-eligible", "tax-rebate-priority", "fewer-inspections"], ignoreOrder: true);
        (await ReevaluateAsync(e.EnterpriseId)).Started.ShouldBeEmpty(); // nothing changed, nothing recorded

        (await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var active = await ActiveAsync(e.EnterpriseId);
        active.Select(m => (m.MeasureId, m.Rule)).ShouldBe([("fewer-inspections", "grade-a-fewer-inspections"), ("honours-barred", "veto-event-honours-barred")],
            ignoreOrder: true);
        var bar = active.Single(m => m.MeasureId == "honours-barred");
        (bar.DepartmentId, bar.StartsOn, bar.EndsOn).ShouldBe(("union", Today.AddDays(-5), (DateOnly?)Today.AddDays(-5).AddYears(1).AddDays(-1)));
        bar.WhyZh.ShouldContain("一票否决 V01");
        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionEvent>().SingleAsync(x => x.EnterpriseId == e.EnterpriseId)).Vetoes.ShouldBe("V01");
        var ended = await scope.Context.Set<MeasureRecord>().Where(m => m.EnterpriseId == e.EnterpriseId && m.EndedAt != null).ToListAsync();
        ended.Select(m => m.MeasureId).ShouldBe(["special-funds", "rate-adjustment", "public-services", "honours-eligible", "tax-rebate-priority"], ignoreOrder: true);
        var audit = await scope.Context.AuditEntries.Where(a => a.EntityType == nameof(MeasureRecord)).ToListAsync();
        audit.ShouldContain(a => a.EntityId == bar.Id.ToString() && a.Action == "Added" && a.Reason!.Contains("1 项开始"));
        foreach (var m in ended) audit.ShouldContain(a => a.EntityId == m.Id.ToString() && a.Action == "Modified" && a.Changes.Contains("EndedAt"));
    }

    [Fact]
    public async Task TheCentreRevokingARating_BarsHonoursUntilItsFormerEnd()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.B);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        Guid caseId;
        await using (var scope = App.Db())
            caseId = (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.EnterpriseId == e.EnterpriseId)).Id;

        (await (await App.AsReviewer()).PostFormAsync("/centre/cases?handler=Confirm",
            new() { ["caseId"] = caseId.ToString(), ["action"] = "revoke", ["reason"] = "死亡事故，依规撤销" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var active = await ActiveAsync(e.EnterpriseId);
        var revoked = active.Single(m => m.Rule == "revoked-rating-honours-barred");
        (revoked.StartsOn, revoked.EndsOn).ShouldBe((Today, (DateOnly?)new DateOnly(2019, 9, 30)));
        revoked.WhyZh.ShouldContain("撤销");
    }

    [Fact]
    public async Task Expiry_TheSweepEndsAMeasureWhosePeriodRanOut()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.D, validTo: Today);
        (await ReevaluateAsync(e.EnterpriseId)).Started.Single().MeasureId.ShouldBe("key-supervision");
        (await MeasureSweep.SweepAsync(App.Services.GetRequiredService<IServiceScopeFactory>(), default)).Ended
            .ShouldNotContain(m => m.EnterpriseId == e.EnterpriseId); // still its last day

        App.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            var swept = await MeasureSweep.SweepAsync(App.Services.GetRequiredService<IServiceScopeFactory>(), default);
            swept.Ended.ShouldContain(m => m.EnterpriseId == e.EnterpriseId && m.MeasureId == "key-supervision");
            (await ActiveAsync(e.EnterpriseId)).ShouldBeEmpty();
        }
        finally
        {
            App.Clock.Advance(TimeSpan.FromDays(-1));
        }
    }

    [Fact]
    public async Task Api_ADepartmentReadsTheMeasuresThatConcernIt_WithTheirBasis_OthersNot()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await ReevaluateAsync(e.EnterpriseId);

        var hrss = await (await App.AsApi("hrss")).GetAsync($"/api/v1/enterprises/{e.CreditCode.ToLowerInvariant()}/measures");
        hrss.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await hrss.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("creditCode").GetString().ShouldBe(e.CreditCode);
        var items = body.GetProperty("measures").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("measure").GetString()).ShouldBe(["rate-adjustment"]);
        items[0].GetProperty("basisDocument").GetString().ShouldBe("《宁波市和谐企业创建成果运用实施办法》");
        items[0].GetProperty("basisProvision").GetString()!.ShouldContain("费率调整");
        items[0].GetProperty("startsOn").GetString().ShouldBe("2017-10-01");
        items[0].GetProperty("why").GetString()!.ShouldContain("评价等级 A");

        var safety = await (await App.AsApi("safety")).GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{e.CreditCode}/measures");
        safety.GetProperty("measures").GetArrayLength().ShouldBe(0);
        (await (await App.AsApi("hrss")).GetAsync("/api/v1/enterprises/91330200MA2ZZZZZ9X/measures")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.Anonymous().GetAsync($"/api/v1/enterprises/{e.CreditCode}/measures")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DepartmentPage_ListsItsEnterprisesWithActiveMeasures_InBothLanguages_AndExports()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await ReevaluateAsync(e.EnterpriseId);
        var union = await OfficerAsync("union");

        var page = await union.GetStringAsync("/department/measures");
        page.ShouldContain(e.CreditCode);
        page.ShouldContain("参加评比和政治安排的必要条件已具备");
        page.ShouldContain("《宁波市和谐企业创建成果运用实施办法》");
        (await union.GetStringAsync("/department/measures?kind=Sanction")).ShouldNotContain(e.CreditCode);
        var csv = await union.GetStringAsync("/department/measures?handler=Export&format=csv&list=measures");
        csv.ShouldContain(e.CreditCode);
        csv.ShouldContain("rating-honours-eligible");
        (await (await OfficerAsync("env")).GetStringAsync("/department/measures")).ShouldNotContain(e.CreditCode);

        await union.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/department/measures" });
        var english = await union.GetStringAsync("/department/measures");
        english.ShouldContain("Joint incentives and sanctions");
        english.ShouldContain("Meets the condition for honours and political appointments");
        english.ShouldNotContain("必要条件已具备");
        await union.PostFormAsync("/culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/" });
    }

    [Fact]
    public async Task TheEnterpriseSeesItsOwnMeasures_WithTheirBasis_AndNoOtherEnterprisesMeasures()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var other = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await PublishedRatingAsync(other.EnterpriseId, Grade.D);
        await ReevaluateAsync(e.EnterpriseId);
        await ReevaluateAsync(other.EnterpriseId);

        var page = await (await App.SignedIn(e.UserName)).GetStringAsync("/enterprise/measures");

        page.ShouldContain("政府专项资金安排优先优惠");
        page.ShouldContain("在政府专项资金安排方面给予优先优惠");
        page.ShouldContain("经信局");
        page.ShouldNotContain("列为重点监管对象");
        (await (await App.SignedIn(other.UserName)).GetStringAsync("/enterprise/measures")).ShouldContain("列为重点监管对象");
    }

    private async Task<MeasureChanges> ReevaluateAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        return await scope.Services.GetRequiredService<MeasureKeeper>().ReevaluateAsync(enterpriseId, "test", default);
    }

    private async Task<List<MeasureRecord>> ActiveAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        return await scope.Context.Set<MeasureRecord>().Where(m => m.EnterpriseId == enterpriseId && m.EndedAt == null).ToListAsync();
    }

    private Task<HttpResponseMessage> RecordAsync(HttpClient officer, Guid enterpriseId, string type) =>
        officer.PostFormAsync($"/department/supervision/enterprises/{enterpriseId}?handler=Event", new()
        {
            ["Event.Type"] = type, ["Event.OccurredOn"] = Today.AddDays(-5).ToString("yyyy-MM-dd"), ["Event.Note"] = "事故调查报告",
        });

    private async Task PublishedRatingAsync(Guid enterpriseId, Grade grade, DateOnly? validTo = null)
    {
        await using var scope = App.Db();
        var campaign = await scope.Context.Campaigns.FirstOrDefaultAsync(c => c.Year == 2017);
        if (campaign is null)
        {
            campaign = new Campaign(Guid.NewGuid(), 2017, "2017年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
                "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2017));
            scope.Context.Campaigns.Add(campaign);
        }
        scope.Context.Ratings.Add(new Rating(Guid.NewGuid(), enterpriseId, campaign.Id, null, grade, new DateOnly(2017, 10, 1),
            validTo ?? new DateOnly(2019, 9, 30), new DateTime(2017, 9, 15, 0, 0, 0, DateTimeKind.Utc)));
        await scope.Context.Because("test: published").SaveChangesAsync();
    }

    private async Task<HttpClient> OfficerAsync(string departmentId)
    {
        var userName = "officer-" + departmentId;
        await using (var scope = App.Db())
        {
            if (!await scope.Context.Accounts.AnyAsync(a => a.UserName == userName))
            {
                var result = await scope.Services.GetRequiredService<AccountService>().CreateAsync(
                    Account.ForDepartment(Guid.NewGuid(), userName, departmentId + " 经办人", departmentId, TestClock.Start.UtcDateTime), Scenario.Password);
                result.Succeeded.ShouldBeTrue();
            }
        }
        return await App.AsDepartment(departmentId);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MeasuresTestsOnPostgres(PostgresServer server, AppHolder holder) : MeasuresTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class MeasuresTestsOnSqlite(AppHolder holder) : MeasuresTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
