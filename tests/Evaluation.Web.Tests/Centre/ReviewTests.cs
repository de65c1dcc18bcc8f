using System.Text.RegularExpressions;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Tests.Centre;

/// <summary>The reviewer's desk: the filtered queue, the three columns, verifying, rejecting, reviewer values, on-site review, concurrency.</summary>
public abstract partial class ReviewTests(AppHolder holder) : AppTests(holder)
{
    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    private static string Url(CentreCase c) => $"/review/applications/{c.ApplicationId}";

    private async Task<string> VersionAsync(HttpClient client, CentreCase c) =>
        VersionField().Match(await client.GetStringAsync(Url(c))).Groups[1].Value;

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, CentreCase c, string handler, Dictionary<string, string> fields,
        string? version = null)
    {
        fields["version"] = version ?? await VersionAsync(client, c);
        return await client.PostFormAsync($"{Url(c)}?handler={handler}", fields, Url(c));
    }

    [Fact]
    public async Task Queue_FiltersByDistrictIndustryStatusAndScore()
    {
        var inCixi = await CentreCase.CreateAsync(App, ApplicationStatus.Submitted, district: District.Cixi, industryCode: "C1711");
        var inCixiOtherIndustry = await CentreCase.CreateAsync(App, ApplicationStatus.InReview, district: District.Cixi, industryCode: "G5410");
        var elsewhere = await CentreCase.CreateAsync(App, ApplicationStatus.Submitted, district: District.Ninghai, industryCode: "C1711");
        var reviewer = await App.AsReviewer();

        var byDistrict = await reviewer.GetStringAsync("/review?district=Cixi");
        byDistrict.ShouldContain(inCixi.Name);
        byDistrict.ShouldContain(inCixiOtherIndustry.Name);
        byDistrict.ShouldNotContain(elsewhere.Name);
        var byIndustry = await reviewer.GetStringAsync("/review?district=Cixi&industry=c17");
        byIndustry.ShouldContain(inCixi.Name);
        byIndustry.ShouldNotContain(inCixiOtherIndustry.Name);
        var byStatus = await reviewer.GetStringAsync("/review?district=Cixi&status=InReview");
        byStatus.ShouldContain(inCixiOtherIndustry.Name);
        byStatus.ShouldNotContain(inCixi.Name);

        // Only scored applications have a score: a score range leaves the unscored out, and keeps one scored in range.
        await using (var db = App.Db())
        {
            db.Context.ScoreCardSnapshots.Add(new Features.Scoring.ScoreCardSnapshot(Guid.NewGuid(), inCixi.ApplicationId,
                "ningbo-harmonious-enterprise", "2018.1", new string('0', 64), "{}", 812.5m, "B", TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var byScore = await reviewer.GetStringAsync("/review?district=Cixi&minScore=800&maxScore=850");
        byScore.ShouldContain(inCixi.Name);
        byScore.ShouldNotContain(inCixiOtherIndustry.Name);
        (await reviewer.GetStringAsync("/review?district=Cixi&minScore=813")).ShouldNotContain(inCixi.Name);
    }

    [Fact]
    public async Task Page_ShowsEveryInputInThreeColumns_AndMarksTheValueTheEngineReads()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();

        var html = await reviewer.GetStringAsync(Url(c));

        html.ShouldContain("企业自报");
        html.ShouldContain("部门数据");
        html.ShouldContain("评审认定");
        html.ShouldContain("id=\"input-governance_level\" class=\"qualitative\""); // an input the catalogue leaves to the reviewer
        Regex.Matches(html, "<tr id=\"input-").Count.ShouldBeGreaterThan(60);
        // The bureau's insurance record is what gets scored (department over enterprise).
        Regex.IsMatch(html, "id=\"input-social_insurance_insured\"[\\s\\S]*?class=\"fact used\"><span class=\"value\">390").ShouldBeTrue();
    }

    [Fact]
    public async Task RejectAFact_NeedsAReason_AndTheRejectedFactIsNoLongerRead()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();
        Guid factId;
        await using (var db = App.Db())
            factId = (await db.Context.Facts.SingleAsync(f => f.EnterpriseId == c.EnterpriseId && f.InputId == "employees")).Id;

        var refused = await PostAsync(reviewer, c, "Reject", new() { ["factId"] = factId.ToString(), ["reason"] = " " });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("不采信须说明原因");

        var rejected = await PostAsync(reviewer, c, "Reject", new() { ["factId"] = factId.ToString(), ["reason"] = "与社保参保人数不符" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var verified = await PostAsync(reviewer, c, "Verify", new() { ["factId"] = (await FactIdAsync(c, "contracts_signed")).ToString() });
        verified.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var check = App.Db();
        var facts = await check.Context.Facts.Where(f => f.EnterpriseId == c.EnterpriseId).ToListAsync();
        var employees = facts.Single(f => f.InputId == "employees");
        (employees.Verification, employees.VerificationNote).ShouldBe((VerificationStatus.Rejected, "与社保参保人数不符"));
        facts.Single(f => f.InputId == "contracts_signed").Verification.ShouldBe(VerificationStatus.Verified);
        var catalogue = SelfAssessment.NewEnterprise.Catalogue(App, "C3525");
        var read = Features.Scoring.FactSelection.ForScoring(catalogue, facts, []);
        read.ShouldNotContainKey("employees");
        read.ShouldContainKey("contracts_signed");
        (await check.Context.AuditEntries.AnyAsync(e => e.EntityId == employees.Id.ToString() && e.Reason!.Contains("与社保参保人数不符"))).ShouldBeTrue();
    }

    private async Task<Guid> FactIdAsync(CentreCase c, string input)
    {
        await using var db = App.Db();
        return (await db.Context.Facts.SingleAsync(f => f.EnterpriseId == c.EnterpriseId && f.InputId == input && f.SupersededById == null)).Id;
    }

    [Fact]
    public async Task ReviewerValue_SetsAQualitativeLevel_OutranksTheDepartment_AndIsCheckedLikeAnyValue()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();

        (await PostAsync(reviewer, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "good" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(reviewer, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "excellent" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(reviewer, c, "Set", new() { ["inputId"] = "social_insurance_insured", ["value"] = "395" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var invalid = await PostAsync(reviewer, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "superb" });

        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var db = App.Db();
        var facts = await db.Context.Facts.Where(f => f.EnterpriseId == c.EnterpriseId).ToListAsync();
        var governance = facts.Where(f => f.InputId == "governance_level").ToList();
        governance.Count.ShouldBe(2); // the first value superseded, not overwritten
        governance.Single(f => f.SupersededById is null).ValueText.ShouldBe("excellent");
        governance.ShouldAllBe(f => f.Origin == FactOrigin.Reviewer && f.SuppliedBy == Scenario.Reviewer);
        var read = Features.Scoring.FactSelection.ForScoring(SelfAssessment.NewEnterprise.Catalogue(App, "C3525"), facts, []);
        read["social_insurance_insured"].ShouldBe(395);
        read["governance_level"].ShouldBe("excellent");
    }

    [Fact]
    public async Task OnSiteReview_IsRecorded_ThenAccept()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.Submitted);
        var reviewer = await App.AsReviewer();

        (await PostAsync(reviewer, c, "Start", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(reviewer, c, "OnSite", new() { ["on"] = "2018-06-20", ["reviewer"] = "王评审", ["finding"] = "台账齐全", ["passed"] = "false" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(reviewer, c, "Accept", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var db = App.Db();
        var a = await db.Context.Applications.SingleAsync(x => x.Id == c.ApplicationId);
        (a.Status, a.OnSiteReviewOn, a.OnSiteReviewer, a.OnSiteFinding, a.OnSiteReviewPassed)
            .ShouldBe((ApplicationStatus.Accepted, new DateOnly(2018, 6, 20), "王评审", "台账齐全", (bool?)false));
    }

    [Fact]
    public async Task TwoReviewers_EditingTheSameApplication_NeverOverwriteEachOtherSilently()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var first = await App.AsReviewer();
        var second = await App.AsAdmin();
        // Both open the page and see the same version.
        var seenByFirst = await VersionAsync(first, c);
        var seenBySecond = await VersionAsync(second, c);
        seenBySecond.ShouldBe(seenByFirst);

        var responses = await Task.WhenAll(
            PostAsync(first, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "good" }, seenByFirst),
            PostAsync(second, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "poor" }, seenBySecond));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        loser.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await loser.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        await using var db = App.Db();
        (await db.Context.Facts.CountAsync(f => f.EnterpriseId == c.EnterpriseId && f.InputId == "governance_level")).ShouldBe(1);
        // The loser reloads, sees the winner's value and a new version, and may then save.
        var reloaded = await VersionAsync(second, c);
        reloaded.ShouldNotBe(seenBySecond);
        (await PostAsync(second, c, "Set", new() { ["inputId"] = "governance_level", ["value"] = "poor" }, reloaded)).StatusCode
            .ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task StaleForm_ForAStatusMove_IsRefusedAndChangesNothing()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();
        var stale = await VersionAsync(reviewer, c);
        (await PostAsync(reviewer, c, "OnSite", new() { ["on"] = "2018-06-20", ["reviewer"] = "李", ["finding"] = "合格", ["passed"] = "true" }, stale))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await PostAsync(reviewer, c, "Return", new() { ["reason"] = "补充材料" }, stale);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var db = App.Db();
        (await db.Context.Applications.SingleAsync(a => a.Id == c.ApplicationId)).Status.ShouldBe(ApplicationStatus.InReview);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ReviewTestsOnPostgres(PostgresServer server, AppHolder holder) : ReviewTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class ReviewTestsOnSqlite(AppHolder holder) : ReviewTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
