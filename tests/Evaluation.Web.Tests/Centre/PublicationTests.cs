using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Centre;

/// <summary>Public notice, objections (from the public and answered by the centre, with re-scoring), publication and the directory.</summary>
public abstract class PublicationTests(AppHolder holder) : AppTests(holder)
{
    private DateOnly Today => App.Services.CreateScope().ServiceProvider.GetRequiredService<Publishing>().Today;

    private async Task<(Guid Campaign, List<CentreCase> Cases)> OnNoticeAsync(int n, District district = District.Jiangbei)
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var cases = new List<CentreCase>();
        for (var i = 0; i < n; i++)
            cases.Add(await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign, i == 0 ? district : District.Beilun, i == 0 ? "C1711" : "G5410"));
        await CentreRuns.ScoreAsync(App, campaign);
        var reviewer = await App.AsReviewer();
        var response = await reviewer.PostFormAsync("/review/publication?handler=Notice", new()
        {
            ["campaignId"] = campaign.ToString(), ["from"] = Today.ToString("yyyy-MM-dd"), ["to"] = Today.AddDays(6).ToString("yyyy-MM-dd"),
        }, "/review/publication");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (campaign, cases);
    }

    private async Task<List<Objection>> ObjectionsAsync(CentreCase c)
    {
        await using var db = App.Db();
        return await db.Context.Objections.Where(o => o.ApplicationId == c.ApplicationId).ToListAsync();
    }

    [Fact]
    public async Task Journey_NoticeObjectionAnswerPublication_PutsTheEnterpriseInTheDirectoryWithItsGrade()
    {
        var (campaign, cases) = await OnNoticeAsync(2, District.Cixi);
        var anonymous = App.Anonymous();
        var target = cases[0];

        var notice = await anonymous.GetStringAsync("/notice");
        notice.ShouldContain(target.Name);
        notice.ShouldContain(target.CreditCode);
        string grade;
        await using (var db = App.Db())
            grade = (await db.Context.ScoreCardSnapshots.SingleAsync(s => s.ApplicationId == target.ApplicationId)).Grade;
        notice.ShouldContain($"grade grade-{grade}");

        var objected = await anonymous.PostFormAsync("/notice?handler=Object",
            new() { ["creditCode"] = target.CreditCode.ToLowerInvariant(), ["name"] = "张三", ["reason"] = "该企业存在欠薪", ["contact"] = "0574-1234" }, "/notice");
        objected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var objection = (await ObjectionsAsync(target)).ShouldHaveSingleItem();
        objection.RaisedBy.ShouldBe("公众 public: 张三");

        var reviewer = await App.AsReviewer();
        var tooEarly = await reviewer.PostFormAsync("/review/publication?handler=Publish", new() { ["campaignId"] = campaign.ToString() }, "/review/publication");
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refusal = await tooEarly.Content.ReadAsStringAsync();
        refusal.ShouldContain("尚未结束");
        refusal.ShouldContain("1 件异议未答复");
        (await reviewer.GetStringAsync("/review/objections?status=Open")).ShouldContain("该企业存在欠薪");

        var noReason = await reviewer.PostFormAsync("/review/objections?handler=Answer",
            new() { ["objectionId"] = objection.Id.ToString(), ["decision"] = "dismissed", ["reason"] = "" }, "/review/objections");
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reviewer.PostFormAsync("/review/objections?handler=Answer",
            new() { ["objectionId"] = objection.Id.ToString(), ["decision"] = "dismissed", ["reason"] = "经人社局核实无欠薪记录" }, "/review/objections"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var answered = (await ObjectionsAsync(target)).Single();
        (answered.Status, answered.Response, answered.ResolvedBy).ShouldBe((ObjectionStatus.Dismissed, "经人社局核实无欠薪记录", Scenario.Reviewer));

        App.Clock.Advance(TimeSpan.FromDays(7)); // the notice period is over
        reviewer = await App.AsReviewer(); // a week later the reviewer signs in again
        var published = await reviewer.PostFormAsync("/review/publication?handler=Publish", new() { ["campaignId"] = campaign.ToString() }, "/review/publication");
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using (var db = App.Db())
        {
            var ratings = await db.Context.Ratings.Where(r => r.CampaignId == campaign).ToListAsync();
            ratings.Count.ShouldBe(2);
            var rating = ratings.Single(r => r.EnterpriseId == target.EnterpriseId);
            rating.Grade.ToString().ShouldBe(grade);
            (rating.ValidFrom, rating.ValidTo).ShouldBe((Today, Today.AddYears(3).AddDays(-1)));
            (await db.Context.Applications.Where(a => a.CampaignId == campaign).Select(a => a.Status).ToListAsync())
                .ShouldAllBe(s => s == ApplicationStatus.Published);
            (await db.Context.AuditEntries.AnyAsync(e => e.EntityType == "Rating" && e.EntityId == rating.Id.ToString() && e.Reason!.Contains("ratings published")))
                .ShouldBeTrue();
        }
        var directory = await anonymous.GetStringAsync($"/directory?q={Uri.EscapeDataString(target.Name)}");
        directory.ShouldContain(target.Name);
        directory.ShouldContain($"grade grade-{grade}");
        (await anonymous.GetStringAsync("/directory?district=Cixi&industry=C17")).ShouldContain(target.Name);
        (await anonymous.GetStringAsync("/directory?district=Beilun")).ShouldNotContain(target.Name);
        (await anonymous.GetStringAsync($"/directory?q={target.CreditCode}&grade={(grade == "A" ? "B" : "A")}")).ShouldNotContain(target.Name);

        var page = await anonymous.GetAsync($"/directory/{target.CreditCode}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"category-chart\"");
        html.ShouldContain("/lib/echarts/echarts.min.js");
        foreach (var (input, _, _, _) in CentreCase.DefaultFacts) html.ShouldNotContain(input); // never the private facts
        var certificate = await anonymous.GetStringAsync($"/directory/{target.CreditCode}/certificate");
        certificate.ShouldContain("和谐企业证书");
        certificate.ShouldContain(target.Name);
        // The print view and the certificate show the categories as server-drawn SVG (one enterprise mark per category).
        html.ShouldContain($"/directory/{target.CreditCode}/bars.svg");
        certificate.ShouldContain($"/directory/{target.CreditCode}/radar.svg");
        var radar = System.Xml.Linq.XDocument.Parse(await anonymous.GetStringAsync($"/directory/{target.CreditCode}/radar.svg"));
        var ours = $"fill:rgb({Web.Features.Reports.ReportCharts.Ours.R},{Web.Features.Reports.ReportCharts.Ours.G},{Web.Features.Reports.ReportCharts.Ours.B})";
        radar.Descendants().Count(e => e.Name.LocalName == "ellipse" && ((string?)e.Attribute("style") ?? "").Contains(ours, StringComparison.Ordinal))
            .ShouldBe(5 + 1); // five categories and the legend's key
    }

    [Fact]
    public async Task UpheldObjection_WithRescore_WritesANewSnapshotFromTheCorrectedFacts()
    {
        var (_, cases) = await OnNoticeAsync(1);
        var c = cases[0];
        var enterprise = await App.AsEnterprise();
        await using (var db = App.Db())
        {
            db.Context.Objections.Add(new Objection(Guid.NewGuid(), c.ApplicationId, "enterprise", null, "治理评价偏低，请复核", TestClock.Start.UtcDateTime));
            db.Context.Objections.Add(new Objection(Guid.NewGuid(), c.ApplicationId, "enterprise", null, "再次复核", TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var objections = await ObjectionsAsync(c);
        var reviewer = await App.AsReviewer();
        // The reviewer corrects the qualitative level on the review page, allowed while the application is on notice.
        var version = System.Text.RegularExpressions.Regex.Match(await reviewer.GetStringAsync($"/review/applications/{c.ApplicationId}"),
            "name=\"version\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        (await reviewer.PostFormAsync($"/review/applications/{c.ApplicationId}?handler=Set",
            new() { ["version"] = version, ["inputId"] = "governance_level", ["value"] = "excellent" }, "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var first = await reviewer.PostFormAsync("/review/objections?handler=Answer", new()
        {
            ["objectionId"] = objections[0].Id.ToString(), ["decision"] = "upheld", ["reason"] = "现场复核后调整", ["rescore"] = "true",
        }, "/review/objections");
        var second = await reviewer.PostFormAsync("/review/objections?handler=Answer", new()
        {
            ["objectionId"] = objections[1].Id.ToString(), ["decision"] = "upheld", ["reason"] = "同上", ["rescore"] = "true",
        }, "/review/objections");

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var check = App.Db();
        var snapshots = await check.Context.ScoreCardSnapshots.Where(s => s.ApplicationId == c.ApplicationId).OrderBy(s => s.CreatedAt).ToListAsync();
        snapshots.Count.ShouldBe(2); // the correction re-scored once; the second answer found the facts unchanged
        snapshots[1].FactsHash.ShouldNotBe(snapshots[0].FactsHash);
        (await check.Context.Applications.SingleAsync(a => a.Id == c.ApplicationId)).Status.ShouldBe(ApplicationStatus.PublicNotice);
        (await ObjectionsAsync(c)).ShouldAllBe(o => o.Status == ObjectionStatus.Upheld);
        _ = enterprise;
    }

    [Fact]
    public async Task TwoReviewers_AnsweringTheSameObjection_OneAnswerStands()
    {
        var (_, cases) = await OnNoticeAsync(1);
        var objection = new Objection(Guid.NewGuid(), cases[0].ApplicationId, "enterprise", null, "请复核", TestClock.Start.UtcDateTime);
        await using (var db = App.Db())
        {
            db.Context.Objections.Add(objection);
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var first = await App.AsReviewer();
        var second = await App.AsAdmin();

        var responses = await Task.WhenAll(
            first.PostFormAsync("/review/objections?handler=Answer",
                new() { ["objectionId"] = objection.Id.ToString(), ["decision"] = "dismissed", ["reason"] = "不成立" }, "/review/objections"),
            second.PostFormAsync("/review/objections?handler=Answer",
                new() { ["objectionId"] = objection.Id.ToString(), ["decision"] = "upheld", ["reason"] = "成立" }, "/review/objections"));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        responses.Single(r => r.StatusCode != HttpStatusCode.Redirect).StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
        await using var check = App.Db();
        var answered = await check.Context.Objections.SingleAsync(o => o.Id == objection.Id);
        var winner = responses[0].StatusCode == HttpStatusCode.Redirect ? ("不成立", Scenario.Reviewer) : ("成立", Scenario.Admin);
        (answered.Response, answered.ResolvedBy).ShouldBe(winner);
        (await check.Context.AuditEntries.CountAsync(e => e.EntityType == "Objection" && e.EntityId == objection.Id.ToString() && e.Action == "Modified"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task OpenNotice_WithNothingScored_IsRefusedAndChangesNothing()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        var reviewer = await App.AsReviewer();

        var response = await reviewer.PostFormAsync("/review/publication?handler=Notice", new()
        {
            ["campaignId"] = campaign.ToString(), ["from"] = Today.ToString("yyyy-MM-dd"), ["to"] = Today.AddDays(6).ToString("yyyy-MM-dd"),
        }, "/review/publication");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("没有已评分的申报可公示");
        await using var db = App.Db();
        (await db.Context.PublicNotices.CountAsync(n => n.CampaignId == campaign)).ShouldBe(0);
        (await db.Context.Applications.SingleAsync(a => a.Id == c.ApplicationId)).Status.ShouldBe(ApplicationStatus.Accepted);
    }

    [Theory]
    [InlineData("/review/scoring")]
    [InlineData("/review/publication")]
    [InlineData("/review/objections")]
    public async Task CentrePages_AreTheCentres(string url)
    {
        ((int)(await (await App.AsReviewer()).GetAsync(url)).StatusCode).ShouldBe(200);
        ((int)(await (await App.AsAdmin()).GetAsync(url)).StatusCode).ShouldBe(200);
        ((int)(await (await App.AsEnterprise()).GetAsync(url)).StatusCode).ShouldBe(403);
        ((int)(await (await App.AsDepartment("hrss")).GetAsync(url)).StatusCode).ShouldBe(403);
        ((int)(await App.Anonymous().GetAsync(url)).StatusCode).ShouldBe(302);
        ((int)(await App.Anonymous().GetAsync("/notice")).StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Certificate_OfAnExpiredRating_IsNotFound_ThoughTheRatingStaysInTheDirectory()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var expired = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        var valid = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        await using (var db = App.Db())
        {
            db.Context.Ratings.Add(new Rating(Guid.NewGuid(), expired.EnterpriseId, campaign, null, Grade.A,
                Today.AddYears(-3), Today.AddDays(-1), TestClock.Start.UtcDateTime));
            db.Context.Ratings.Add(new Rating(Guid.NewGuid(), valid.EnterpriseId, campaign, null, Grade.A,
                Today.AddYears(-3), Today, TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange: one expired yesterday, one valid through today").SaveChangesAsync();
        }

        ((int)(await App.Anonymous().GetAsync($"/directory/{expired.CreditCode}")).StatusCode).ShouldBe(200);
        ((int)(await App.Anonymous().GetAsync($"/directory/{expired.CreditCode}/certificate")).StatusCode).ShouldBe(404);
        ((int)(await App.Anonymous().GetAsync($"/directory/{valid.CreditCode}/certificate")).StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Publication_EndsASmallEnterprisesCycle_ItsLevelFollowsThePublishedScoreCardAndTheOnSiteOutcome()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var small = await CentreCase.CreateAsync(App, ApplicationStatus.InReview, campaign, smeModules: ["M1", "M2", "M3"]);
        var full = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        var reviewer = await App.AsReviewer();
        var url = $"/review/applications/{small.ApplicationId}";
        async Task<string> VersionAsync() => System.Text.RegularExpressions.Regex.Match(await reviewer.GetStringAsync(url),
            "name=\"version\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var noOutcome = await reviewer.PostFormAsync($"{url}?handler=OnSite",
            new() { ["version"] = await VersionAsync(), ["on"] = "2018-06-20", ["reviewer"] = "王评审", ["finding"] = "台账齐全" }, url);
        noOutcome.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // whether it passed is part of the record
        (await reviewer.PostFormAsync($"{url}?handler=OnSite",
            new() { ["version"] = await VersionAsync(), ["on"] = "2018-06-20", ["reviewer"] = "王评审", ["finding"] = "台账齐全", ["passed"] = "true" }, url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.PostFormAsync($"{url}?handler=Accept", new() { ["version"] = await VersionAsync() }, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await CentreRuns.ScoreAsync(App, campaign);
        (await reviewer.PostFormAsync("/review/publication?handler=Notice", new()
        {
            ["campaignId"] = campaign.ToString(), ["from"] = Today.ToString("yyyy-MM-dd"), ["to"] = Today.AddDays(6).ToString("yyyy-MM-dd"),
        }, "/review/publication")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        App.Clock.Advance(TimeSpan.FromDays(7));
        reviewer = await App.AsReviewer();
        var publishedOn = Today;

        (await reviewer.PostFormAsync("/review/publication?handler=Publish", new() { ["campaignId"] = campaign.ToString() }, "/review/publication"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The expected level, worked out here from the published ScoreCard's own numbers and the scheme's rules.
        await using var db = App.Db();
        var snapshot = await db.Context.ScoreCardSnapshots.SingleAsync(x => x.ApplicationId == small.ApplicationId);
        var scheme = db.Services.GetRequiredService<Features.Catalogue.CatalogueLibrary>().Get("ningbo-harmonious-enterprise", "2018.1").Sme!;
        using var json = System.Text.Json.JsonDocument.Parse(snapshot.ScoreCardJson);
        var indicators = json.RootElement.GetProperty("indicators").EnumerateObject().ToList();
        decimal Number(System.Text.Json.JsonElement e) => decimal.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var assessment = Engine.Sme.SmeAssessment.Assess(scheme,
            indicators.ToDictionary(i => i.Name, i => Number(i.Value.GetProperty("points"))),
            indicators.ToDictionary(i => i.Name, i => Number(i.Value.GetProperty("max"))),
            json.RootElement.GetProperty("vetoed").GetBoolean(), snapshot.Grade);
        var expected = Engine.Sme.SmePromotionRules.Decide(scheme, new Engine.Sme.SmeStanding(null, null, null, null), assessment,
            onsiteReviewPassed: true, publishedOn);
        var standing = await db.Context.Set<Features.SmallEnterprises.SmeStandingRecord>().SingleAsync(r => r.EnterpriseId == small.EnterpriseId);
        (standing.Level, standing.Since, standing.ValidUntil, standing.LastReason)
            .ShouldBe((expected.Standing.Level, expected.Standing.Since, expected.Standing.ValidUntil, expected.Reason.ToString()));
        (await db.Context.AuditEntries.AnyAsync(e => e.EntityType == "SmeStandingRecord" && e.EntityId == small.EnterpriseId.ToString()
            && e.Reason!.Contains("ratings published"))).ShouldBeTrue();
        (await db.Context.Set<Features.SmallEnterprises.SmeStandingRecord>().AnyAsync(r => r.EnterpriseId == full.EnterpriseId)).ShouldBeFalse();
        (await reviewer.GetStringAsync(url)).ShouldContain("id=\"sme-standing\"");
    }

    [Fact]
    public async Task EnterprisePage_OfAnEnterpriseNeverPublished_IsNotFound()
    {
        ((int)(await App.Anonymous().GetAsync($"/directory/{Scenario.CreditCodeB}")).StatusCode).ShouldBe(404);
        ((int)(await App.Anonymous().GetAsync($"/directory/{Scenario.CreditCodeB}/certificate")).StatusCode).ShouldBe(404);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PublicationTestsOnPostgres(PostgresServer server, AppHolder holder) : PublicationTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class PublicationTestsOnSqlite(AppHolder holder) : PublicationTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
