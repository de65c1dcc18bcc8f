using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Persistence;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Evaluation.Web.Tests.Demo;

/// <summary>One demo database for the class: seeding 300 enterprises once is enough.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    public EvaluationApp App { get; private set; } = null!;
    internal IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        App = await EvaluationApp.StartSqliteAsync(withScenario: false);
        await using var scope = App.Db();
        Accounts = await scope.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class DemoDataTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private readonly EvaluationApp _app = demo.App;
    private readonly IReadOnlyList<DemoAccount> _accounts = demo.Accounts;

    [Fact]
    public async Task Seed_MakesThreeHundredEnterprisesWithValidCodesAcrossNingbo()
    {
        await using var scope = _app.Db();
        var enterprises = await scope.Context.Enterprises.ToListAsync();

        enterprises.Count.ShouldBe(300);
        enterprises.ShouldAllBe(e => CreditCode.Validate(e.CreditCode) == null && IndustryCodeRules.IsValid(e.IndustryCode));
        enterprises.Select(e => e.District).Distinct().Count().ShouldBeGreaterThanOrEqualTo(12);
        enterprises.Select(e => e.IndustryCode).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
        enterprises.Select(e => e.CreditCode).Distinct().Count().ShouldBe(300);
    }

    [Fact]
    public async Task Seed_Publishes2017AndOpens2018()
    {
        await using var scope = _app.Db();
        var campaigns = await scope.Context.Campaigns.OrderBy(c => c.Year).ToListAsync();
        campaigns.Select(c => c.Year).ShouldBe([2017, 2018]);
        campaigns.ShouldAllBe(c => c.CatalogueId == "ningbo-harmonious-enterprise" && c.CatalogueVersion == "2018.1");

        var ratings = await scope.Context.Ratings.Where(r => r.CampaignId == campaigns[0].Id).ToListAsync();
        ratings.Count.ShouldBeGreaterThan(100);
        ratings.ShouldAllBe(r => r.Status == RatingStatus.Published);
        (await scope.Context.Applications.Where(a => a.CampaignId == campaigns[1].Id).Select(a => a.Status).Distinct().CountAsync())
            .ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Seed_RatesEvery2017ApplicantFromItsEngineScoreCard()
    {
        await using var scope = _app.Db();
        var rated = await scope.Context.Ratings
            .Join(scope.Context.ScoreCardSnapshots, r => r.ScoreCardSnapshotId, s => s.Id, (r, s) => new { r.Grade, Snapshot = s })
            .ToListAsync();

        rated.Count.ShouldBe(150);
        rated.ShouldAllBe(x => x.Grade.ToString() == x.Snapshot.Grade && x.Snapshot.ScoreCardJson.Contains("\"catalogue\": \"ningbo-harmonious-enterprise\""));
        // Varied quality: the demo directory shows every grade.
        rated.Select(x => x.Grade).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task PublishedRating_ScoredAgainFromItsStoredFacts_IsByteForByteTheSame()
    {
        await using var scope = _app.Db();
        var db = scope.Context;
        var scorer = scope.Services.GetRequiredService<Evaluation.Web.Features.Scoring.Scorer>();
        var snapshots = await db.ScoreCardSnapshots.OrderBy(s => s.FactsHash).Take(5).ToListAsync();
        foreach (var snapshot in snapshots)
        {
            var application = await db.Applications.SingleAsync(a => a.Id == snapshot.ApplicationId);
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == application.CampaignId);
            var enterprise = await db.Enterprises.SingleAsync(e => e.Id == application.EnterpriseId);
            var facts = await db.Facts.Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == enterprise.Id).ToListAsync();

            var again = scorer.Freeze(application, scorer.Score(campaign, enterprise, facts));

            again.FactsHash.ShouldBe(snapshot.FactsHash);
            again.ScoreCardJson.ShouldBe(snapshot.ScoreCardJson);
        }
    }

    [Fact]
    public async Task Seed_DepartmentValueWinsOverTheEnterprisesOwnClaim()
    {
        await using var scope = _app.Db();
        var claims = await scope.Context.Facts
            .Where(f => f.InputId == "social_insurance_insured" && f.Origin == Evaluation.Web.Features.Facts.FactOrigin.Enterprise)
            .Select(f => new { f.CampaignId, f.EnterpriseId }).ToListAsync();
        claims.ShouldNotBeEmpty();
        var pair = claims[0];
        var facts = await scope.Context.Facts.Where(f => f.CampaignId == pair.CampaignId && f.EnterpriseId == pair.EnterpriseId).ToListAsync();
        var catalogue = scope.Services.GetRequiredService<Evaluation.Web.Features.Catalogue.CampaignCatalogues>()
            .For(DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion, "", null);
        var bureau = facts.Single(f => f.InputId == "social_insurance_insured" && f.DepartmentId == "hrss");

        var scored = Evaluation.Web.Features.Scoring.FactSelection.ForScoring(catalogue, facts, []);

        scored["social_insurance_insured"].ShouldBe(decimal.Parse(bureau.ValueText, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Seed_MakesOneAccountPerRoleThatCanSignIn()
    {
        _accounts.Select(a => a.Role).ShouldBe(["Administrator", "Reviewer", "Department", "Enterprise"]);
        foreach (var account in _accounts)
        {
            var client = _app.Anonymous();
            var response = await client.PostFormAsync("/account/login",
                new() { ["UserName"] = account.UserName, ["Password"] = account.Password });
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, account.UserName);
        }
        (await _app.Anonymous().GetStringAsync("/directory")).ShouldContain("grade grade-");
    }

    [Fact]
    public async Task DemoEnterprise_SeesItsPublishedScoreCard()
    {
        var demo = _accounts.Single(a => a.Role == "Enterprise");
        var client = await _app.SignedIn(demo.UserName, demo.Password);
        await using var scope = _app.Db();
        var enterpriseId = (await scope.Context.Accounts.SingleAsync(a => a.UserName == demo.UserName)).EnterpriseId;
        var published = await scope.Context.Applications.SingleAsync(a => a.EnterpriseId == enterpriseId
            && a.Status == Evaluation.Web.Features.Campaigns.ApplicationStatus.Published);
        var total = (await scope.Context.ScoreCardSnapshots.SingleAsync(s => s.ApplicationId == published.Id)).Total;

        var html = await client.GetStringAsync($"/enterprise/applications/{published.Id}");

        html.ShouldContain("评分结果");
        html.ShouldContain(total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        html.ShouldContain("劳动关系");
    }

    [Fact]
    public async Task Seed_OnASecondRun_AddsNothing()
    {
        await using var scope = _app.Db();
        (await scope.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None)).ShouldBeEmpty();
        (await scope.Context.Enterprises.CountAsync()).ShouldBe(300);
        (await scope.Context.Accounts.CountAsync(a => a.Role == Role.Administrator)).ShouldBe(1);
    }

    [Theory]
    [InlineData("Development", "sqlite", null, true)]
    [InlineData("Production", "sqlite", null, false)]
    [InlineData("Development", "sqlite", "Data Source=/srv/evaluation.db", false)]
    [InlineData("Development", "postgres", "Host=db", false)]
    public void ShouldSeed_OnlyTheEmbeddedDefaultOutsideProduction(string environment, string provider, string? connection, bool expected) =>
        DemoExtensions.ShouldSeed(new DemoOptions(), new DatabaseOptions { Provider = provider }, connection, new Env(environment))
            .ShouldBe(expected);

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Evaluation.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
