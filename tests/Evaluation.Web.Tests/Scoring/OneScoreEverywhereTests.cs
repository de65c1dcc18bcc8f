using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Evaluation.Web.Tests.Centre;

namespace Evaluation.Web.Tests.Scoring;

/// <summary>
/// Issue 14, done when: a campaign that overrides a parameter shows one total and one grade for an application on
/// every page that scores or shows it — the provisional score, the dashboard, the impact preview, a scoring run, the
/// review page and the public page. The expected figures are the engine's on the catalogue with the override, worked
/// out here from the folder on disk; the same facts without the override give another total, so a page that skipped
/// the campaign's values would show it.
/// </summary>
public sealed partial class OneScoreEverywhereTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    private const string Overrides = """{ "city_avg_wage": 110000 }""";
    private const string Industry = "C1711";

    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();

    [Fact]
    public async Task CampaignWithAnOverride_ShowsOneTotalAndGradeOnEveryPage()
    {
        var (campaign, arranged) = await ArrangeAsync();
        var (total, grade, withoutOverride) = (arranged.Total, arranged.Grade, arranged.WithoutOverride);
        withoutOverride.ShouldNotBe(total); // the override matters to this enterprise

        // Provisional score (the enterprise's self-assessment page, its JSON refresh).
        var enterprise = await App.AsEnterprise(arranged.UserName);
        using (var json = JsonDocument.Parse(await enterprise.GetStringAsync($"/enterprise/applications/{arranged.ApplicationId}/self-assessment?handler=Score")))
            (json.RootElement.GetProperty("total").GetDecimal(), json.RootElement.GetProperty("grade").GetString()).ShouldBe((total, grade));

        // The dashboard of a campaign not yet scored: provisional scores on the campaign's catalogue.
        var reviewer = await App.AsReviewer();
        EntryRow(await reviewer.GetStringAsync($"/centre/dashboards/{campaign}?handler=Export&format=csv&list=entries"), arranged.CreditCode)
            .ShouldBe((total, grade));

        // The impact preview: the campaign's own side ("old") of a comparison with a version where this grade changes.
        var admin = await App.AsAdmin();
        var bound = grade == "A" ? "grade_a_min" : "grade_b_min";
        var edited = CatalogueZip.EditedCopy("2018.14", text => text.ReplaceOnce(
            $"  - id: {bound}\n    value: {(bound == "grade_a_min" ? 900 : 800)}\n", $"  - id: {bound}\n    value: 2000\n"));
        (await admin.UploadCatalogueAsync(CatalogueZip.Zip(edited))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var impact = await reviewer.GetStringAsync(
            $"/centre/catalogues/impact?campaign={campaign}&version=ningbo-harmonious-enterprise@2018.14&handler=Export&format=csv&list=impact");
        ImpactRow(impact, arranged.CreditCode).ShouldBe((total, grade));

        // A scoring run: the frozen snapshot.
        await CentreRuns.ScoreAsync(App, campaign);
        await using (var db = App.Db())
        {
            var snapshot = await db.Context.ScoreCardSnapshots.SingleAsync(s => s.ApplicationId == arranged.ApplicationId);
            (snapshot.Total, snapshot.Grade).ShouldBe((total, grade));
        }

        // The review page shows that snapshot.
        var review = WebUtility.HtmlDecode(await reviewer.GetStringAsync($"/review/applications/{arranged.ApplicationId}"));
        review.ShouldContain($"<strong>{total.ToString("0.00", CultureInfo.InvariantCulture)}</strong>");
        review.ShouldContain($"<span class=\"grade grade-{grade}\">{grade}</span> · ningbo-harmonious-enterprise 2018.1");

        // Published: the public page's grade, and its category points add up to the total.
        reviewer = await PublishAsync(campaign, reviewer); // a week later: signed in again
        var page = WebUtility.HtmlDecode(await App.Anonymous().GetStringAsync($"/directory/{arranged.CreditCode}"));
        page.ShouldContain($"<span class=\"grade grade-{grade}\">{grade}</span>");
        CategoryPoints().Matches(page).Sum(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ShouldBe(total);
        EntryRow(await reviewer.GetStringAsync($"/centre/dashboards/{campaign}?handler=Export&format=csv&list=entries"), arranged.CreditCode)
            .ShouldBe((total, grade));
    }

    private sealed record Arranged(Guid ApplicationId, string CreditCode, string UserName, decimal Total, string Grade, decimal WithoutOverride);

    /// <summary>
    /// A campaign of its own with the override, and one accepted textiles enterprise (with its account) whose synthetic
    /// facts score differently with and without it, graded A or B (so the impact preview can move it).
    /// </summary>
    private async Task<(Guid Campaign, Arranged Arranged)> ArrangeAsync()
    {
        var set = CatalogueLoader.LoadDirectory(CatalogueZip.NingboFolder);
        var variant = set.ForIndustry(Industry);
        var (plain, overridden) = (ScoringPlan.Compile(variant), ScoringPlan.Compile(ParameterOverrides.Apply(variant, Overrides)));
        var selection = TestCatalogues.Of(set, Industry);
        var now = TestClock.Start.UtcDateTime;
        var synthetic = new SyntheticEnterprises(1414);
        var generator = new SyntheticFacts(synthetic.Faker.Random);
        var campaignId = Guid.NewGuid();
        var campaign = new Campaign(campaignId, 2018, "覆盖参数的测试活动", CampaignLevel.Municipal, null, "ningbo-harmonious-enterprise", "2018.1",
            CampaignPhases.ForYear(2018), Overrides);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var made = synthetic.Make(1, now)[0];
            var enterprise = new Enterprise(made.Id, CreditCode.Parse(made.CreditCode), made.Name, made.District, Industry, made.SizeClass, null, now);
            var facts = generator.For(enterprise, variant).Select(v =>
            {
                var (origin, department) = Fact.OriginOf(variant.FindInput(v.Key)!.Source);
                return new Fact(Guid.NewGuid(), campaignId, enterprise.Id, v.Key, FactValue.From(v.Value), origin, department, null, "test", now);
            }).ToList();
            // The values the engine reads, chosen as everywhere (reviewer, department, enterprise); the override changes none.
            var values = FactSelection.ForScoring(selection, facts, []);
            var card = overridden.Evaluate(overridden.Bind(values, [])!, enterprise.CreditCode, explain: false);
            var without = plain.Evaluate(plain.Bind(values, [])!, enterprise.CreditCode, explain: false);
            if (card.Total == without.Total || card.Grade is not ("A" or "B")) continue;
            return (campaignId, await StoreAsync(campaign, enterprise, facts, card, without.Total, now));
        }
        throw new InvalidOperationException("no synthetic enterprise that the override moves");
    }

    private async Task<Arranged> StoreAsync(Campaign campaign, Enterprise enterprise, List<Fact> facts, ScoreCard card, decimal without, DateTime now)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var application = new Application(Guid.NewGuid(), campaign.Id, enterprise.Id, Track.Full, now);
        application.Submit(now);
        application.StartReview();
        application.Accept(now);
        db.Campaigns.Add(campaign);
        db.Enterprises.Add(enterprise);
        db.Applications.Add(application);
        db.Facts.AddRange(facts);
        await db.Because("test arrange").SaveChangesAsync();
        var userName = $"override-{Guid.NewGuid():N}"[..20];
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(Account.ForEnterprise(Guid.NewGuid(), userName, enterprise.Name, enterprise.Id, now), Scenario.Password);
        created.Succeeded.ShouldBeTrue();
        return new Arranged(application.Id, enterprise.CreditCode, userName, card.Total, card.Grade, without);
    }

    private async Task<HttpClient> PublishAsync(Guid campaign, HttpClient reviewer)
    {
        var today = App.Services.CreateScope().ServiceProvider.GetRequiredService<Publishing>().Today;
        (await reviewer.PostFormAsync("/review/publication?handler=Notice", new()
        {
            ["campaignId"] = campaign.ToString(), ["from"] = today.ToString("yyyy-MM-dd"), ["to"] = today.AddDays(6).ToString("yyyy-MM-dd"),
        }, "/review/publication")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        App.Clock.Advance(TimeSpan.FromDays(7));
        reviewer = await App.AsReviewer();
        (await reviewer.PostFormAsync("/review/publication?handler=Publish", new() { ["campaignId"] = campaign.ToString() }, "/review/publication"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return reviewer;
    }

    /// <summary>Total and grade of the dashboard's results export (enterprise, code, district, industry, total, grade).</summary>
    private static (decimal Total, string Grade) EntryRow(string csv, string creditCode)
    {
        var cells = Row(csv, creditCode);
        return (decimal.Parse(cells[4], CultureInfo.InvariantCulture), cells[5]);
    }

    /// <summary>The old total and grade of the impact export (enterprise, code, district, industry, old total, old grade, …).</summary>
    private static (decimal Total, string Grade) ImpactRow(string csv, string creditCode)
    {
        var cells = Row(csv, creditCode);
        return (decimal.Parse(cells[4], CultureInfo.InvariantCulture), cells[5]);
    }

    private static string[] Row(string csv, string creditCode) =>
        csv.Split('\n').Single(l => l.Contains(creditCode, StringComparison.Ordinal)).TrimEnd('\r').Split(',');

    // A row of the category table: the category's name in the page's language, then its points.
    [GeneratedRegex("""<tr><td>[^<]*</td><td>([0-9.]+)</td>""")]
    private static partial Regex CategoryPoints();
}
