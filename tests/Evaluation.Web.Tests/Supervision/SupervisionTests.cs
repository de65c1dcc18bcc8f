using System.Net.Http.Headers;
using System.Net.Http.Json;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.DepartmentData;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.SmallEnterprises;
using Evaluation.Web.Features.Supervision;
using Evaluation.Web.Tests.SelfAssessment;

namespace Evaluation.Web.Tests.Supervision;

/// <summary>
/// Dynamic management end to end: a department's event writes its fact and fires the veto on the provisional
/// ScoreCard; on an enterprise with a valid published rating it opens one case; the centre confirms (revoked or
/// downgraded, shown in the public directory with its history) or dismisses; every change is in the audit log.
/// </summary>
public abstract class SupervisionTests(AppHolder holder) : AppTests(holder)
{
    private const string Fatal = "fatal_or_general_accidents";
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);

    [Fact]
    public async Task SafetyRecordsAFatalAccident_TheFactIsWrittenAndTheProvisionalScoreCardShowsV01()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var safety = await App.AsDepartment("safety");
        (await FiredAsync(e.EnterpriseId)).ShouldNotContain("V01");

        var response = await RecordAsync(safety, e.EnterpriseId, Fatal);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FiredAsync(e.EnterpriseId)).ShouldContain("V01");
        await using var scope = App.Db();
        var ev = await scope.Context.Set<SupervisionEvent>().SingleAsync(x => x.EnterpriseId == e.EnterpriseId);
        (ev.DepartmentId, ev.InputId, ev.Value, ev.OccurredOn, ev.CampaignId).ShouldBe(("safety", Fatal, "1", Today.AddDays(-5), S.CampaignId));
        var fact = await scope.Context.Facts.SingleAsync(f => f.Id == ev.FactId);
        (fact.InputId, fact.ValueText, fact.DepartmentId, fact.SupersededById).ShouldBe((Fatal, "1", "safety", (Guid?)null));
        (await scope.Context.Set<SupervisionCase>().CountAsync(c => c.EnterpriseId == e.EnterpriseId)).ShouldBe(0); // no rating, no case
        (await safety.GetStringAsync($"/department/supervision/enterprises/{e.EnterpriseId}")).ShouldContain("事故"); // the history lists it
    }

    [Fact]
    public async Task EventOnAnEnterpriseWithAValidPublishedRating_OpensExactlyOneCase_ARepeatedEventDoesNotOpenASecond()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        var safety = await App.AsDepartment("safety");

        await RecordAsync(safety, e.EnterpriseId, Fatal);
        await RecordAsync(safety, e.EnterpriseId, Fatal);

        await using var scope = App.Db();
        var cases = await scope.Context.Set<SupervisionCase>().Where(c => c.EnterpriseId == e.EnterpriseId).ToListAsync();
        cases.Count.ShouldBe(1);
        (cases[0].RatingId, cases[0].VetoId, cases[0].Status).ShouldBe((rating, "V01", CaseStatus.Open));
        var events = await scope.Context.Set<SupervisionEvent>().Where(x => x.EnterpriseId == e.EnterpriseId).OrderBy(x => x.Value).ToListAsync();
        events.Select(x => x.Value).ShouldBe(["1", "2"]); // a count: the second accident makes two
        cases[0].EventId.ShouldBe(events[0].Id);
        (await (await App.AsReviewer()).GetStringAsync("/centre/cases")).ShouldContain(e.CreditCode);
    }

    [Fact]
    public async Task TheDatabaseHoldsAtMostOneOpenCasePerRatingAndVeto_ButDecidedOnesMayRepeat()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var first = await CaseOfAsync(e.EnterpriseId);
        var eventId = await EventOfAsync(first);

        await using (var scope = App.Db())
        {
            scope.Context.Add(new SupervisionCase(Guid.NewGuid(), e.EnterpriseId, rating, eventId, "V01", "dup", TestClock.Start.UtcDateTime));
            await Should.ThrowAsync<DbUpdateException>(() => scope.Context.Because("test: duplicate").SaveChangesAsync());
        }
        await using (var scope = App.Db())
        {
            (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.Id == first)).Dismiss("test", "test", TestClock.Start.UtcDateTime);
            scope.Context.Add(new SupervisionCase(Guid.NewGuid(), e.EnterpriseId, rating, eventId, "V01", "again", TestClock.Start.UtcDateTime));
            await scope.Context.Because("test: dismissed, then open again").SaveChangesAsync();
            (await scope.Context.Set<SupervisionCase>().CountAsync(c => c.RatingId == rating)).ShouldBe(2);
        }
    }

    [Fact]
    public async Task EventOnARatedEnterpriseWithoutAnApplication_StillOpensACase_WithoutWritingAFact()
    {
        var e = await NewEnterprise.CreateAsync(App, withApplication: false);
        await PublishedRatingAsync(e.EnterpriseId, Grade.B);

        (await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionCase>().CountAsync(c => c.EnterpriseId == e.EnterpriseId)).ShouldBe(1);
        (await scope.Context.Set<SupervisionEvent>().SingleAsync(x => x.EnterpriseId == e.EnterpriseId)).FactId.ShouldBeNull();
        (await scope.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task EventOnAnEnterpriseWhoseRatingExpired_OpensNoCase()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A, validTo: Today.AddDays(-1));

        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);

        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionCase>().CountAsync(c => c.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
        (await FiredAsync(e.EnterpriseId)).ShouldContain("V01"); // the event itself was recorded
    }

    [Fact]
    public async Task CentreConfirms_TheRatingIsRevoked_AndTheDirectoryShowsRevokedWithReasonAndHistory()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var caseId = await CaseOfAsync(e.EnterpriseId);
        const string reason = "2018年6月发生一起死亡事故，依规撤销";

        var response = await (await App.AsReviewer()).PostFormAsync("/centre/cases?handler=Confirm",
            new() { ["caseId"] = caseId.ToString(), ["action"] = "revoke", ["reason"] = reason });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = App.Db())
        {
            var r = await scope.Context.Ratings.SingleAsync(x => x.Id == rating);
            (r.Status, r.RevocationReason).ShouldBe((RatingStatus.Revoked, reason));
            (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.Id == caseId)).Status.ShouldBe(CaseStatus.Confirmed);
            var change = await scope.Context.Set<RatingChange>().SingleAsync(c => c.RatingId == rating);
            (change.Kind, change.FromGrade, change.Reason, change.CaseId).ShouldBe((RatingChangeKind.Revoked, Grade.A, reason, (Guid?)caseId));
        }
        var directory = await App.Anonymous().GetStringAsync($"/directory?q={e.CreditCode}");
        directory.ShouldContain("已撤销");
        directory.ShouldContain(reason);
        directory.ShouldContain("评价等级变动记录"); // the history partial
        directory.ShouldContain("history-published");
        directory.ShouldContain("history-revoked");
        directory.ShouldNotContain("fatal_or_general_accidents"); // the event's private data is not published
        // every change is in the audit log, with the reason
        (await AuditAsync("Rating", rating)).ShouldContain(a => a.Action == "Modified" && a.Changes.Contains("Revoked") && a.Reason!.Contains(reason));
        (await AuditAsync("SupervisionCase", caseId)).Select(a => a.Action).ShouldBe(["Added", "Modified"], ignoreOrder: true);
        (await AuditAsync("SupervisionEvent", await EventOfAsync(caseId))).Single().Action.ShouldBe("Added");
    }

    [Fact]
    public async Task CentreConfirmsWithADowngradeToD_TheRatingStandsAtD_AndTheHistoryShowsTheDowngrade()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.B);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var caseId = await CaseOfAsync(e.EnterpriseId);

        await (await App.AsAdmin()).PostFormAsync("/centre/cases?handler=Confirm",
            new() { ["caseId"] = caseId.ToString(), ["action"] = "D", ["reason"] = "一票否决，降为D级" });

        await using (var scope = App.Db())
        {
            var r = await scope.Context.Ratings.SingleAsync(x => x.Id == rating);
            (r.Status, r.Grade).ShouldBe((RatingStatus.Published, Grade.D));
            (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.Id == caseId)).DowngradedTo.ShouldBe(Grade.D);
        }
        var directory = await App.Anonymous().GetStringAsync($"/directory?q={e.CreditCode}");
        directory.ShouldContain("history-downgraded");
        directory.ShouldContain("B → D");
        directory.ShouldContain("一票否决，降为D级");
        (await AuditAsync("RatingChange", await ChangeOfAsync(rating))).Single().Action.ShouldBe("Added");
    }

    [Fact]
    public async Task CentreDismisses_TheRatingStands()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var caseId = await CaseOfAsync(e.EnterpriseId);

        var response = await (await App.AsReviewer()).PostFormAsync("/centre/cases?handler=Dismiss",
            new() { ["caseId"] = caseId.ToString(), ["reason"] = "事故发生在评价有效期之前，已在评价中考虑" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = App.Db();
        var r = await scope.Context.Ratings.SingleAsync(x => x.Id == rating);
        (r.Status, r.Grade, r.RevocationReason).ShouldBe((RatingStatus.Published, Grade.A, (string?)null));
        var c = await scope.Context.Set<SupervisionCase>().SingleAsync(x => x.Id == caseId);
        (c.Status, c.Decision).ShouldBe((CaseStatus.Dismissed, "事故发生在评价有效期之前，已在评价中考虑"));
        (await scope.Context.Set<RatingChange>().CountAsync(x => x.RatingId == rating)).ShouldBe(0);
        (await AuditAsync("SupervisionCase", caseId)).ShouldContain(a => a.Action == "Modified" && a.Changes.Contains("Dismissed"));
    }

    [Fact]
    public async Task ConfirmWithoutAReason_IsRefusedAndChangesNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var caseId = await CaseOfAsync(e.EnterpriseId);

        var response = await (await App.AsReviewer()).PostFormAsync("/centre/cases?handler=Confirm",
            new() { ["caseId"] = caseId.ToString(), ["action"] = "revoke", ["reason"] = " " });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var scope = App.Db();
        (await scope.Context.Ratings.SingleAsync(x => x.Id == rating)).Status.ShouldBe(RatingStatus.Published);
        (await scope.Context.Set<SupervisionCase>().SingleAsync(x => x.Id == caseId)).Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public async Task ADowngradeToAHigherGrade_IsRefusedAndChangesNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var rating = await PublishedRatingAsync(e.EnterpriseId, Grade.C);
        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);
        var caseId = await CaseOfAsync(e.EnterpriseId);

        var response = await (await App.AsReviewer()).PostFormAsync("/centre/cases?handler=Confirm",
            new() { ["caseId"] = caseId.ToString(), ["action"] = "B", ["reason"] = "升级？" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var scope = App.Db();
        (await scope.Context.Ratings.SingleAsync(x => x.Id == rating)).Grade.ShouldBe(Grade.C);
        (await scope.Context.Set<SupervisionCase>().SingleAsync(x => x.Id == caseId)).Status.ShouldBe(CaseStatus.Open);
        (await scope.Context.Set<RatingChange>().CountAsync(x => x.RatingId == rating)).ShouldBe(0);
    }

    [Fact]
    public async Task ADepartmentRecordingAnotherDepartmentsInput_Is403AndStoresNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        var hrss = await App.AsDepartment("hrss");

        var response = await RecordAsync(hrss, e.EnterpriseId, Fatal); // safety's input

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionEvent>().CountAsync(x => x.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
        (await scope.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
        (await scope.Context.Set<SupervisionCase>().CountAsync(x => x.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task AnInvalidEvent_NamesTheFieldAndStoresNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var hrss = await App.AsDepartment("hrss");

        var response = await hrss.PostFormAsync($"/department/supervision/enterprises/{e.EnterpriseId}?handler=Event",
            new() { ["Event.Type"] = "labour_integrity_grade", ["Event.Value"] = "E", ["Event.OccurredOn"] = Today.AddDays(3).ToString("yyyy-MM-dd") });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("occurredOn");
        html.ShouldContain("value");
        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionEvent>().CountAsync(x => x.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task CreditOfficeRecordsClassD_TheClassIsKept_AndItSetsCreditGradeWhichFiresV12()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var credit = await OfficerAsync("credit");

        var response = await credit.PostFormAsync($"/department/supervision/enterprises/{e.EnterpriseId}?handler=Class",
            new() { ["Class.Class"] = "D", ["Class.EffectiveOn"] = Today.ToString("yyyy-MM-dd"), ["Class.Note"] = "年度公共信用评价" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FiredAsync(e.EnterpriseId)).ShouldContain("V12");
        await using var scope = App.Db();
        var c = await scope.Context.Set<SupervisionClass>().SingleAsync(x => x.EnterpriseId == e.EnterpriseId);
        (c.Class, c.DepartmentId, c.InputId, c.EffectiveOn).ShouldBe((Grade.D, "credit", "credit_grade", Today));
        (await scope.Context.Facts.SingleAsync(f => f.EnterpriseId == e.EnterpriseId && f.InputId == "credit_grade")).ValueText.ShouldBe("D");
    }

    [Fact]
    public async Task AVetoEventRevokesASmallEnterprisesLevel_WithTheOneYearWait()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await using (var scope = App.Db())
        {
            var campaign = await scope.Context.Campaigns.SingleAsync(c => c.Id == S.CampaignId);
            var sme = scope.Services.GetRequiredService<SmeLevels>();
            var passedAll = new Engine.Sme.SmeAssessmentResult(
                [.. new[] { "M1", "M2", "M3", "M4", "M5", "M6", "M7" }.Select(m => new Engine.Sme.ModuleResult(m, new("m", "m"), 10, 10, true))],
                false, "B");
            (await sme.RecordAssessmentAsync(campaign, e.EnterpriseId, passedAll, false, default))!.Reason.ShouldBe(Engine.Sme.SmeReason.Promoted);
            await scope.Context.Because("test: assessed").SaveChangesAsync();
        }

        await RecordAsync(await App.AsDepartment("safety"), e.EnterpriseId, Fatal);

        await using (var scope = App.Db())
        {
            var standing = await scope.Context.Set<SmeStandingRecord>().SingleAsync(s => s.EnterpriseId == e.EnterpriseId);
            (standing.Level, standing.BannedUntil, standing.LastReason).ShouldBe(((string?)null, (DateOnly?)Today.AddMonths(12), "Revoked"));
            (await AuditAsync("SmeStandingRecord", e.EnterpriseId)).Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task EventsApi_RecordsABatch_OpensTheCase_AndARetryWithTheSameKeyChangesNothing()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishedRatingAsync(e.EnterpriseId, Grade.A);
        var client = await App.AsApi("safety");
        var batch = new[] { new { creditCode = e.CreditCode, type = Fatal, occurredOn = Today.ToString("yyyy-MM-dd"), note = "接口" } };

        var first = await SendAsync(client, batch, "accident-1");
        var retry = await SendAsync(client, batch, "accident-1");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await first.Content.ReadAsStringAsync();
        body.ShouldContain("\"casesOpened\":1");
        body.ShouldContain("V01");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(body);
        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionEvent>().CountAsync(x => x.EnterpriseId == e.EnterpriseId)).ShouldBe(1);
    }

    [Fact]
    public async Task EventsApi_AForeignInput_Is403_AndABadItem_Is400_AndNeitherStoresAnything()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.AsApi("hrss");
        var good = new { creditCode = e.CreditCode, type = "wage_arrears_blacklisted", occurredOn = Today.ToString("yyyy-MM-dd") };

        var foreign = await SendAsync(client, new object[] { good, new { creditCode = e.CreditCode, type = Fatal, occurredOn = Today.ToString("yyyy-MM-dd") } }, null);
        var bad = await SendAsync(client, new object[] { good, new { creditCode = "91330100716105852F", type = "wage_arrears_blacklisted", occurredOn = "2030-01-01" } }, null);

        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await bad.Content.ReadAsStringAsync();
        errors.ShouldContain("creditCode");
        errors.ShouldContain("occurredOn");
        await using var scope = App.Db();
        (await scope.Context.Set<SupervisionEvent>().CountAsync(x => x.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
        (await scope.Context.Facts.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Theory]
    [InlineData("/centre/cases", "hrss", 403)]
    [InlineData("/centre/cases", "enterprise", 403)]
    [InlineData("/centre/cases", "reviewer", 200)]
    [InlineData("/department/supervision", "hrss", 200)]
    [InlineData("/department/supervision", "reviewer", 403)]
    [InlineData("/department/supervision", "enterprise", 403)]
    public async Task Doors_AnswerByRole(string url, string who, int expected)
    {
        var client = who switch
        {
            "hrss" => await App.AsDepartment("hrss"),
            "reviewer" => await App.AsReviewer(),
            _ => await App.AsEnterprise(),
        };
        ((int)(await client.GetAsync(url)).StatusCode).ShouldBe(expected);
    }

    private Task<HttpResponseMessage> RecordAsync(HttpClient officer, Guid enterpriseId, string type) =>
        officer.PostFormAsync($"/department/supervision/enterprises/{enterpriseId}?handler=Event", new()
        {
            ["Event.Type"] = type, ["Event.OccurredOn"] = Today.AddDays(-5).ToString("yyyy-MM-dd"), ["Event.Note"] = "事故调查报告",
        });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, object batch, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(batch) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>A rating published by a 2017 campaign, valid through 2019 unless told otherwise.</summary>
    private async Task<Guid> PublishedRatingAsync(Guid enterpriseId, Grade grade, DateOnly? validTo = null)
    {
        await using var scope = App.Db();
        var campaign = await scope.Context.Campaigns.FirstOrDefaultAsync(c => c.Year == 2017);
        if (campaign is null)
        {
            campaign = new Campaign(Guid.NewGuid(), 2017, "2017年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
                "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2017));
            scope.Context.Campaigns.Add(campaign);
        }
        var rating = new Rating(Guid.NewGuid(), enterpriseId, campaign.Id, null, grade, new DateOnly(2017, 10, 1),
            validTo ?? new DateOnly(2019, 9, 30), new DateTime(2017, 9, 15, 0, 0, 0, DateTimeKind.Utc));
        scope.Context.Ratings.Add(rating);
        await scope.Context.Because("test: published").SaveChangesAsync();
        return rating.Id;
    }

    private async Task<List<string>> FiredAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        var campaign = await scope.Context.Campaigns.SingleAsync(c => c.Id == S.CampaignId);
        var enterprise = await scope.Context.Enterprises.SingleAsync(x => x.Id == enterpriseId);
        var card = await scope.Services.GetRequiredService<ProvisionalScoreCards>().ForAsync(campaign, enterprise, default);
        return card!.Vetoes.Where(v => v.Fired == true).Select(v => v.Id).ToList();
    }

    private async Task<Guid> CaseOfAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        return (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.EnterpriseId == enterpriseId)).Id;
    }

    private async Task<Guid> EventOfAsync(Guid caseId)
    {
        await using var scope = App.Db();
        return (await scope.Context.Set<SupervisionCase>().SingleAsync(c => c.Id == caseId)).EventId;
    }

    private async Task<Guid> ChangeOfAsync(Guid ratingId)
    {
        await using var scope = App.Db();
        return (await scope.Context.Set<RatingChange>().SingleAsync(c => c.RatingId == ratingId)).Id;
    }

    private async Task<List<Web.Features.Audit.AuditEntry>> AuditAsync(string type, Guid id)
    {
        await using var scope = App.Db();
        var key = id.ToString();
        return await scope.Context.AuditEntries.Where(a => a.EntityType == type && a.EntityId == key).ToListAsync();
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
public sealed class SupervisionTestsOnPostgres(PostgresServer server, AppHolder holder) : SupervisionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class SupervisionTestsOnSqlite(AppHolder holder) : SupervisionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
