using System.Diagnostics;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Load;

/// <summary>
/// Issue 8 item 3: a campaign of POP_ENTERPRISES (default 100,000) accepted applications with their synthetic facts,
/// bulk-seeded on PostgreSQL 15, scored by the app's own background scoring run and persisted. Prints seed time,
/// run wall time, throughput and the process's peak working set; checks one snapshot per application.
/// SCORING_BATCH sets the run's batch size (default: the app's), or several to alternate, POP_ROUNDS times (default 1). A benchmark (Category=Benchmark), run on demand.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class PopulationScoringBenchmark(PostgresServer server, ITestOutputHelper output)
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("POP_ENTERPRISES"), out var n) ? n : 100_000;

    [Fact]
    public async Task ScoringRun_OverACampaign_ScoresAndPersistsEveryApplication()
    {
        var settings = new Dictionary<string, string> { ["Scoring:PollSeconds"] = "1" };
        await using var app = await EvaluationApp.StartPostgresAsync(server, settings, withScenario: false);
        var seed = Stopwatch.StartNew();
        var (campaignId, facts) = await SeedAsync(app);
        output.WriteLine($"seeded {Count:N0} accepted applications with {facts:N0} facts in {seed.Elapsed.TotalSeconds:F1} s");

        // SCORING_BATCH may list several sizes ("25,500") and POP_ROUNDS repeat the list: the same seeded campaign is
        // scored again from scratch each time (snapshots removed; the append-only audit log keeps growing), alternating, in one process.
        var sizes = (Environment.GetEnvironmentVariable("SCORING_BATCH") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(app.Services.GetRequiredService<IOptions<ScoringOptions>>().Value.BatchSize).ToList();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("POP_ROUNDS"), out var repeat) ? repeat : 1;
        var first = true;
        for (var round = 0; round < rounds; round++)
            foreach (var size in sizes)
            {
                if (!first) await ResetAsync(app, campaignId);
                first = false;
                app.Services.GetRequiredService<IOptions<ScoringOptions>>().Value.BatchSize = size;
                await RunOnceAsync(app, campaignId, size);
            }
    }

    private async Task RunOnceAsync(EvaluationApp app, Guid campaignId, int batchSize)
    {
        var self = Process.GetCurrentProcess();
        var (appCpu, serverCpu) = (self.TotalProcessorTime, server.CpuTime());
        var (allocated, paused) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var run = Stopwatch.StartNew();
        Guid runId;
        await using (var scope = app.Db())
            runId = (await scope.Services.GetRequiredService<ScoringRuns>().StartAsync(campaignId, "benchmark", default)).Id;
        ScoringRun state;
        do
        {
            await Task.Delay(250);
            await using var scope = app.Db();
            state = await scope.Context.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        } while (state.Status == ScoringRunStatus.Running && run.Elapsed < TimeSpan.FromMinutes(30));
        run.Stop();
        self.Refresh();
        (appCpu, serverCpu) = (self.TotalProcessorTime - appCpu, server.CpuTime() - serverCpu);
        (allocated, paused) = (GC.GetTotalAllocatedBytes() - allocated, GC.GetTotalPauseDuration() - paused);

        output.WriteLine($"scoring run (batch {batchSize}): {state.Done:N0} done ({state.Scored:N0} scored, {state.Failed:N0} failed) in {run.Elapsed.TotalSeconds:F1} s, " +
            $"{state.Done / run.Elapsed.TotalSeconds:F0} applications/s; CPU: test process {appCpu.TotalSeconds:F1} s, PostgreSQL {serverCpu.TotalSeconds:F1} s; " +
            $"allocated {allocated / 1048576:N0} MiB, GC pauses {paused.TotalSeconds:F1} s; " +
            $"load average {load} → {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; peak working set {self.PeakWorkingSet64 / 1048576} MiB");
        state.Status.ShouldBe(ScoringRunStatus.Completed);
        state.Failed.ShouldBe(0, state.LastError);
        await using var check = app.Db();
        (await check.Context.ScoreCardSnapshots.CountAsync()).ShouldBe(Count);
        (await check.Context.Applications.CountAsync(a => a.CampaignId == campaignId && a.Status == ApplicationStatus.Scored)).ShouldBe(Count);
    }

    /// <summary>Back to before the run: no snapshots, every application Accepted (the audit log is append-only and stays).</summary>
    private static async Task ResetAsync(EvaluationApp app, Guid campaignId)
    {
        await using var scope = app.Db();
        var db = scope.Context;
        await db.ScoreCardSnapshots.ExecuteDeleteAsync();
        await db.Applications.Where(a => a.CampaignId == campaignId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicationStatus.Accepted));
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
    }

    private static async Task<(Guid CampaignId, int Facts)> SeedAsync(EvaluationApp app)
    {
        await using var scope = app.Db();
        var db = scope.Context;
        var catalogue = scope.Services.GetRequiredService<CatalogueLibrary>().Get(DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion);
        var campaign = new Campaign(Guid.NewGuid(), 2018, "2018年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion, CampaignPhases.ForYear(2018));
        db.Campaigns.Add(campaign);
        await db.Because("benchmark arrange").SaveChangesAsync();

        var synthetic = new SyntheticEnterprises(2018);
        var values = new SyntheticFacts(synthetic.Faker.Random);
        var now = new DateTime(2018, 7, 1, 2, 0, 0, DateTimeKind.Utc);
        var districts = Districts.All.ToArray();
        string[] industries = ["C1711", "C3525", "C3670", "G5920", "E4710", "I6510", "C2614"];
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var facts = 0;
        await using var transaction = await db.Database.BeginTransactionAsync();
        // In slices, so the seeding itself does not hold millions of facts in memory.
        for (var done = 0; done < Count;)
        {
            var enterprises = new List<Enterprise>();
            while (enterprises.Count < Math.Min(5000, Count - done))
            {
                var district = districts[(done + enterprises.Count) % districts.Length];
                var code = synthetic.NewCreditCode(district);
                if (!codes.Add(code.Value)) continue;
                var i = done + enterprises.Count;
                enterprises.Add(new Enterprise(Guid.NewGuid(), code, $"宁波{i:D6}号有限公司", district, industries[i % industries.Length],
                    (SizeClass)(i % 3), null, now));
            }
            var applications = new List<Application>();
            var made = new List<Fact>();
            foreach (var e in enterprises)
            {
                var application = new Application(Guid.NewGuid(), campaign.Id, e.Id, Track.Full, now);
                application.Submit(now);
                application.StartReview();
                application.Accept(now);
                applications.Add(application);
                var resolved = catalogue.ForIndustry(e.IndustryCode);
                foreach (var (input, value) in values.For(e, resolved))
                {
                    var source = resolved.FindInput(input)!.Source;
                    var (origin, department) = Fact.OriginOf(source);
                    made.Add(new Fact(Guid.NewGuid(), campaign.Id, e.Id, input, FactValue.From(value), origin, department, null, "benchmark", now));
                }
            }
            await BulkWrite.InsertAsync(db, enterprises, default);
            await BulkWrite.InsertAsync(db, applications, default);
            await BulkWrite.InsertAsync(db, made, default);
            facts += made.Count;
            done += enterprises.Count;
        }
        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return (campaign.Id, facts);
    }
}
