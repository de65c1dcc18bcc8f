using System.Diagnostics;
using Evaluation.Web.Features.Changes;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// The migration that let measures into the feed (20261204110000_MeasureChanges) rebuilds FeedChanges: every entry
/// keeps its id, number and fields, an expiry recorded twice by the old race keeps its Once key on its first entry
/// only (so the unique index can be built), and the table still takes new entries. <c>FEED_ROWS</c> (default 2,000)
/// sets how many entries the old table holds; with 100,000 it is the measurement in docs/benchmarks.md.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedMigrationTests(PostgresServer server, AppHolder holder, ITestOutputHelper output) : AppTests(holder), IClassFixture<AppHolder>
{
    private const string Before = "20261204070000_ChangeFeed";
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Rating = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    protected override Task<EvaluationApp> StartAsync() =>
        EvaluationApp.StartPostgresAsync(server, new Dictionary<string, string> { ["Changes:PollSeconds"] = "3600" }, withScenario: false);

    [Fact]
    public async Task UpFromTheRatingsOnlyFeed_KeepsEveryEntryAndItsNumber_AndTheFirstOfADoubledExpiry()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("FEED_ROWS"), out var n) ? n : 2_000;
        await using var scope = App.Db();
        var migrator = scope.Context.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        // The old table filled as the platform did: numbers, ids and dates only (no user text), so composed as text.
        var fill = $"""
            INSERT INTO "FeedChanges" ("Id", "Sequence", "Kind", "RatingId", "CreditCode", "Enterprise", "Year", "Grade", "PreviousGrade",
                                       "ValidFrom", "ValidTo", "Reason", "OccurredAt")
            SELECT gen_random_uuid(), g, CASE WHEN g % 10 = 0 THEN 'Expired' ELSE 'Published' END, gen_random_uuid(), '91330203MA28XY0A2P',
                   '宁波迁移测试有限公司', 2017, 'B', NULL, DATE '2017-10-01', DATE '2019-09-30', NULL, TIMESTAMPTZ '2018-06-15 09:00:00+00'
            FROM generate_series(1, {rows}) g;
            INSERT INTO "FeedChanges" ("Id", "Sequence", "Kind", "RatingId", "CreditCode", "Enterprise", "Year", "Grade", "PreviousGrade",
                                       "ValidFrom", "ValidTo", "Reason", "OccurredAt")
            VALUES ('{First}', {rows + 1}, 'Expired', '{Rating}', '91330203MA28XY0A2P', '宁波迁移测试有限公司', 2017, 'B', NULL,
                    DATE '2017-10-01', DATE '2019-09-30', NULL, TIMESTAMPTZ '2019-09-30 16:00:00+00'),
                   ('{Second}', NULL, 'Expired', '{Rating}', '91330203MA28XY0A2P', '宁波迁移测试有限公司', 2017, 'B', NULL,
                    DATE '2017-10-01', DATE '2019-09-30', NULL, TIMESTAMPTZ '2019-09-30 16:00:00+00');
            ANALYZE "FeedChanges";
            """;
        await scope.Context.Database.ExecuteSqlRawAsync(fill);

        var watch = Stopwatch.StartNew();
        await migrator.MigrateAsync();
        watch.Stop();
        output.WriteLine($"MeasureChanges migration over {rows + 2:N0} feed entries (PostgreSQL): {watch.Elapsed.TotalSeconds:F2} s");

        var all = await scope.Context.Set<FeedChange>().AsNoTracking().ToListAsync();
        all.Count.ShouldBe(rows + 2);
        all.Where(f => f.Sequence != null).Select(f => f.Sequence!.Value).Order().ShouldBe(Enumerable.Range(1, rows + 1).Select(i => (long)i));
        all.Single(f => f.Id == First).Once.ShouldBe(FeedChange.ExpiryOf(Rating));
        all.Single(f => f.Id == Second).Once.ShouldBeNull();
        all.Count(f => f.Once != null).ShouldBe(rows / 10 + 1);
        all.ShouldAllBe(f => f.MeasureId == null && f.RatingId != null && f.Year == 2017 && f.ValidTo == new DateOnly(2019, 9, 30));
        (await scope.Context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }
}
