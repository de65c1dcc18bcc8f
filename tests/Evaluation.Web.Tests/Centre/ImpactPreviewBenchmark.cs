using System.Diagnostics;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Facts;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// How long the impact preview's comparison takes for a city-sized campaign (3,000 enterprises, every fact),
/// both versions scored with EvaluateAll; reading the facts from the database is measured apart
/// (docs/centre-campaigns.md). Run on demand: --filter "FullyQualifiedName~ImpactPreviewBenchmark".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ImpactPreviewBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Compare_ThreeThousandEnterprises()
    {
        await using var app = await EvaluationApp.StartSqliteAsync();
        var dir = CatalogueZip.EditedCopy("2018.99", text => text
            .ReplaceOnce("  - id: grade_b_min\n    value: 800\n", "  - id: grade_b_min\n    value: 760\n")
            .ReplaceOnce("  - id: city_avg_wage\n    value: 80000\n", "  - id: city_avg_wage\n    value: 95000\n"));
        (await (await app.AsAdmin()).UploadCatalogueAsync(CatalogueZip.Zip(dir))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        await using var scope = app.Db();
        var set = scope.Services.GetRequiredService<CatalogueLibrary>().Get(SyntheticCampaign.CatalogueId, "2018.1");
        var campaign = new Campaign(Guid.NewGuid(), 2017, "benchmark", CampaignLevel.Municipal, null, SyntheticCampaign.CatalogueId, "2018.1",
            CampaignPhases.ForYear(2017));
        var members = new List<CampaignMember>();
        var facts = new List<Fact>();
        foreach (var seed in new[] { 1, 2 })
        {
            var synthetic = new SyntheticEnterprises(seed);
            var generator = new SyntheticFacts(synthetic.Faker.Random);
            foreach (var e in synthetic.Make(1500, TestClock.Start.UtcDateTime))
            {
                members.Add(new CampaignMember(Guid.NewGuid(), ApplicationStatus.Scored, Track.Full, e));
                var catalogue = set.ForIndustry(e.IndustryCode);
                facts.AddRange(generator.For(e, catalogue).Select(v => new Fact(Guid.NewGuid(), campaign.Id, e.Id, v.Key, FactValue.From(v.Value),
                    FactOrigin.Enterprise, null, null, "bench", TestClock.Start.UtcDateTime)));
            }
        }
        var population = new CampaignPopulation(campaign, members, facts.ToLookup(f => f.EnterpriseId));
        var preview = scope.Services.GetRequiredService<ImpactPreview>();
        preview.Compute(population, SyntheticCampaign.CatalogueId, "2018.99"); // plans compiled, JIT warm

        var times = new List<double>();
        Impact? impact = null;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            impact = preview.Compute(population, SyntheticCampaign.CatalogueId, "2018.99");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var score = Stopwatch.StartNew();
        var scores = Features.Scoring.Scorer.ScoreAll(population, industry => TestCatalogues.Of(set, industry));
        var scoreMs = score.Elapsed.TotalMilliseconds;
        var select = Stopwatch.StartNew();
        foreach (var m in members)
            Features.Scoring.FactSelection.ForScoring(TestCatalogues.Of(set, m.Enterprise.IndustryCode), population.FactsByEnterprise[m.Enterprise.Id], []);
        output.WriteLine($"one version scored in {scoreMs:0} ms; fact selection alone (one thread) {select.Elapsed.TotalMilliseconds:0} ms");
        output.WriteLine($"{members.Count} enterprises, {facts.Count} facts: compare in {times.Min():0} ms best, {times.Order().ElementAt(2):0} ms median; {impact!.Changed.Count} change grade");
        impact.Scored.ShouldBe(members.Count);
    }
}
