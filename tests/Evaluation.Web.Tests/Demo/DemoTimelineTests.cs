using Evaluation.Web.Features.Demo;

namespace Evaluation.Web.Tests.Demo;

/// <summary>
/// Issue 17, item 3: the demo's seeded history is in order. Seeded at 09:00 Beijing time, before the 10:00 the demo
/// dates its history at, a value "supplied today" used to be dated an hour ahead: after any correction an officer
/// then made, so the history listed the correction before the value it corrected.
/// </summary>
public sealed class DemoTimelineTests
{
    [Fact]
    public async Task Seed_BeforeTenInTheMorning_DatesNothingAfterTheMomentOfSeeding_AndKeepsEachStoryInOrder()
    {
        await using var app = await EvaluationApp.StartSqliteAsync(withScenario: false,
            settings: new Dictionary<string, string> { ["Demo:Enterprises"] = "12" });
        app.Clock.Advance(TimeSpan.FromHours(16)); // 2018-06-16 01:00 UTC = 09:00 in Ningbo
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using (var seeding = app.Db())
            await seeding.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

        await using var scope = app.Db();
        var db = scope.Context;
        var facts = await db.Facts.ToListAsync();
        facts.ShouldNotBeEmpty();
        facts.Where(f => f.SuppliedAt > now).Select(f => $"{f.InputId} {f.SuppliedAt:O}").ShouldBeEmpty();
        var open = await db.Campaigns.SingleAsync(c => c.Year == 2018);
        open.SelfAssessmentFrom.ShouldBe(new DateOnly(2018, 6, 16).AddDays(-60)); // Ningbo's today, not UTC's
        facts.Where(f => f.CampaignId == open.Id).Max(f => f.SuppliedAt).ShouldBeLessThan(now);

        var enterprises = await db.Enterprises.ToDictionaryAsync(e => e.Id, e => e.RegisteredAt);
        var applications = await db.Applications.ToListAsync();
        applications.ShouldAllBe(a => enterprises[a.EnterpriseId] <= a.CreatedAt && a.CreatedAt <= now
            && (a.SubmittedAt == null || (a.CreatedAt <= a.SubmittedAt && a.SubmittedAt <= now)));
        var snapshots = await db.ScoreCardSnapshots.ToListAsync();
        var ratings = (await db.Ratings.ToListAsync()).ToDictionary(r => r.ScoreCardSnapshotId!.Value, r => r.PublishedAt);
        snapshots.ShouldNotBeEmpty();
        foreach (var s in snapshots)
        {
            var application = applications.Single(a => a.Id == s.ApplicationId);
            s.CreatedAt.ShouldBeGreaterThanOrEqualTo(application.DecidedAt!.Value, "scored after it was accepted");
            s.CreatedAt.ShouldBeLessThanOrEqualTo(ratings[s.Id], "scored before it was published");
        }
    }
}
