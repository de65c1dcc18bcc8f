using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// A campaign of synthetic enterprises (the demo's generators) with every fact the catalogue asks for; with
/// <c>scored</c>, each application is accepted, scored by the Scorer into a snapshot and given a published rating.
/// </summary>
internal static class SyntheticCampaign
{
    public const string CatalogueId = "ningbo-harmonious-enterprise";

    public static async Task<(Campaign Campaign, List<Enterprise> Enterprises)> SeedAsync(EvaluationApp app, int seed, int count, int year,
        bool scored, string version = "2018.1")
    {
        await using var scope = app.Db();
        var db = scope.Context;
        var set = scope.Services.GetRequiredService<CatalogueLibrary>().Get(CatalogueId, version);
        var scorer = scope.Services.GetRequiredService<Scorer>();
        var now = TestClock.Start.UtcDateTime;
        var synthetic = new SyntheticEnterprises(seed);
        var generator = new SyntheticFacts(synthetic.Faker.Random);
        var enterprises = synthetic.Make(count, now);
        var campaign = new Campaign(Guid.NewGuid(), year, $"{year}年度测试活动 {seed}", CampaignLevel.Municipal, null, CatalogueId, version,
            CampaignPhases.ForYear(year));
        db.Enterprises.AddRange(enterprises);
        db.Campaigns.Add(campaign);
        foreach (var enterprise in enterprises)
        {
            var catalogue = set.ForIndustry(enterprise.IndustryCode);
            var application = new Application(Guid.NewGuid(), campaign.Id, enterprise.Id, Track.Full, now);
            var facts = generator.For(enterprise, catalogue).Select(v =>
            {
                var source = catalogue.FindInput(v.Key)!.Source;
                var (origin, department) = Fact.OriginOf(source);
                return new Fact(Guid.NewGuid(), campaign.Id, enterprise.Id, v.Key, FactValue.From(v.Value), origin, department, null, "test", now);
            }).ToList();
            db.Facts.AddRange(facts);
            application.Submit(now);
            if (scored)
            {
                application.StartReview();
                application.Accept(now);
                var snapshot = scorer.Freeze(application, scorer.Score(campaign, enterprise, facts));
                application.RecordScore();
                db.ScoreCardSnapshots.Add(snapshot);
                if (snapshot.Grade != "-")
                    db.Ratings.Add(new Rating(Guid.NewGuid(), enterprise.Id, campaign.Id, snapshot.Id, Enum.Parse<Grade>(snapshot.Grade),
                        campaign.PublishOn, campaign.PublishOn.AddYears(2), now));
            }
            db.Applications.Add(application);
        }
        await db.Because("test: synthetic campaign").SaveChangesAsync();
        return (campaign, enterprises);
    }
}
