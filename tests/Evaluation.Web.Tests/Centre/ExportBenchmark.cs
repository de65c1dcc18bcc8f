using System.Diagnostics;
using System.Globalization;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// A campaign's applications exported through the real page (SQLite file): EXPORT_ROWS applications (default
/// 100,000), each with its enterprise and a ScoreCard snapshot, downloaded as XLSX and as CSV with the client
/// reading the body as it arrives. Prints, per format, the time, the bytes, the managed heap's peak growth over
/// the quiet heap before the request (sampled every 10 ms), the bytes allocated, and the process's peak working
/// set. docs/benchmarks.md ("Exports") records the figures, before and after streaming.
/// </summary>
public sealed class ExportBenchmark(ITestOutputHelper output)
{
    // A measurement, not a test: scripts/test.sh leaves out Category=Benchmark.
    [Fact]
    [Trait("Category", "Benchmark")]
    public async Task ExportApplications()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("EXPORT_ROWS"), out var n) ? n : 100_000;
        await using var app = await EvaluationApp.StartSqliteAsync();
        await SeedAsync(app, rows);
        var reviewer = await app.AsReviewer();
        output.WriteLine($"{rows:N0} applications seeded; working set {Process.GetCurrentProcess().WorkingSet64 / 1_048_576} MiB; load {File.ReadAllText("/proc/loadavg").Trim()}");

        foreach (var format in new[] { "xlsx", "csv", "xlsx" })
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var quiet = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            long peak = quiet;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    try { await Task.Delay(10, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var watch = Stopwatch.StartNew();
            var spool = Path.GetTempFileName();
            long bytes;
            using (var response = await reviewer.GetAsync($"/centre/campaigns/{app.Scenario.CampaignId}?handler=Export&list=applications&format={format}",
                       HttpCompletionOption.ResponseHeadersRead))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                await using var file = File.Create(spool);
                await body.CopyToAsync(file);
                bytes = file.Length;
            }
            var elapsed = watch.Elapsed;
            var allocatedDuring = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            await sampling.CancelAsync();
            await sampler;
            var lines = format == "csv"
                ? File.ReadLines(spool).Count() // no field holds a line break here
                : Features.DepartmentData.XlsxFiles.Rows(File.OpenRead(spool)).Count();
            File.Delete(spool);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format}: {elapsed.TotalSeconds:0.0} s, {bytes / 1024:N0} KiB, {lines - 1:N0} rows; managed heap peak +{(peak - quiet) / 1_048_576.0:0.0} MiB " +
                $"over {quiet / 1_048_576.0:0.0} MiB; allocated {allocatedDuring / 1_048_576:N0} MiB; " +
                $"peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MiB"));
            (lines - 1).ShouldBe(rows + 2); // and the scenario's two applications
        }
    }

    private static async Task SeedAsync(EvaluationApp app, int rows)
    {
        await using var scope = app.Db();
        var db = scope.Context;
        var now = new DateTime(2018, 6, 1, 2, 0, 0, DateTimeKind.Utc);
        var districts = Districts.All.ToArray();
        var enterprises = new List<Enterprise>(rows);
        var applications = new List<Application>(rows);
        var snapshots = new List<ScoreCardSnapshot>(rows);
        for (var i = 0; i < rows; i++)
        {
            var first17 = "91330200MB" + i.ToString("D7", CultureInfo.InvariantCulture);
            var enterprise = new Enterprise(Guid.NewGuid(), CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17)),
                $"宁波导出测试{i:D6}有限公司", districts[i % districts.Length], "C3525", SizeClass.Small, null, now);
            var application = new Application(Guid.NewGuid(), app.Scenario.CampaignId, enterprise.Id, Track.Full, now);
            application.Submit(now);
            enterprises.Add(enterprise);
            applications.Add(application);
            snapshots.Add(new ScoreCardSnapshot(Guid.NewGuid(), application.Id, "ningbo-harmonious", "2018.1", "hash", "{}",
                600m + i % 400, (i % 4) switch { 0 => "A", 1 => "B", 2 => "C", _ => "D" }, now));
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkWrite.InsertAsync(db, enterprises, default);
        await BulkWrite.InsertAsync(db, applications, default);
        await BulkWrite.InsertAsync(db, snapshots, default);
        await transaction.CommitAsync();
    }
}
