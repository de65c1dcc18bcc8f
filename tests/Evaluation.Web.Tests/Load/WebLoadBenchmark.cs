using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Load;

/// <summary>
/// Issue 8 item 5: the web under load. The app on Kestrel over PostgreSQL 15 with a published campaign of 100,000
/// enterprises (bulk-seeded), then `wrk` at 64 connections against the public directory search, an enterprise's
/// public page, the rating lookup API and a signed-in page, each for LOAD_SECONDS (default 30) seconds.
/// Prints requests/s and p50/p95/p99 latency per target and fails on any socket error or non-2xx answer.
/// A benchmark (Category=Benchmark), run on demand: bench/web-load.sh.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed partial class WebLoadBenchmark(PostgresServer server, ITestOutputHelper output)
{
    private static readonly int Enterprises = Setting("LOAD_ENTERPRISES", 100_000);
    private static readonly int Seconds = Setting("LOAD_SECONDS", 30);
    // For probing one cost at a time: fewer connections (1 = no queueing, so CPU per request without contention).
    private static readonly int Connections = Setting("LOAD_CONNECTIONS", 64);

    private static int Setting(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    [Fact]
    public async Task DirectoryApiAndPages_At64Connections()
    {
        if (!File.Exists("/usr/bin/wrk")) throw new InvalidOperationException("wrk is missing: apt-get install wrk");
        await using var app = await EvaluationApp.StartPostgresOnKestrelAsync(server);
        var seed = Stopwatch.StartNew();
        var sample = await SeedAsync(app);
        output.WriteLine($"seeded {Enterprises:N0} published enterprises in {seed.Elapsed.TotalSeconds:F1} s");
        var (token, cookie) = await CredentialsAsync(app, sample);
        var root = app.BaseAddress.ToString().TrimEnd('/');

        // The directory caches each search for 30 s (DirectoryCache): the fixed URLs measure the cached path, the
        // "different name each request" target the database path (every request a cache miss).
        var targets = new (string Name, string Url, string? Header)[]
        {
            ("directory search by name", $"{root}/directory?q={Uri.EscapeDataString(sample.NameFragment)}", null),
            ("directory search, a different name each request (uncached)", $"{root}/directory?q=RANDOM", null),
            ("enterprise public page", $"{root}/directory/{sample.CreditCode}", null),
            ("directory filter district + grade", $"{root}/directory?district={sample.District}&grade=A", null),
            ("directory search by credit code", $"{root}/directory?q={sample.CreditCode}", null),
            ("rating lookup API", $"{root}/api/v1/ratings/{sample.CreditCode}", $"Authorization: Bearer {token}"),
            ("signed-in enterprise page", $"{root}/enterprise", $"Cookie: {cookie}"),
            // Probes, to tell the pipeline's cost from a page's: the health check (one SELECT 1) and a static file.
            ("probe: /health", $"{root}/health", null),
            ("probe: static file", $"{root}/css/site.css", null),
        };
        // Cold: the first requests after start-up (or a rating change) load the directory; 64 arrive together.
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        using (var cold = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })
        {
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => cold.GetAsync(targets[0].Url)));
            output.WriteLine($"cold: 64 simultaneous first requests to {targets[0].Name} answered in {clock.ElapsedMilliseconds} ms " +
                $"({answers.Count(a => a.IsSuccessStatusCode)} × 2xx); managed heap {heap / 1048576.0:F0} → " +
                $"{GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MiB");
        }

        // CPU per request: this process (the app on Kestrel) and the PostgreSQL backends serving its database, measured
        // around each wrk run. Under a shared machine's load these say more than latency does.
        var table = new StringBuilder("| target | requests/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | app CPU µs/request | PostgreSQL CPU µs/request |\n" +
            "|---|---|---|---|---|---|---|---|---|\n");
        var failures = new List<string>();
        foreach (var (name, url, header) in targets)
        {
            var appCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var dbCpu = PostgresCpu(database);
            var r = await WrkAsync(url, header);
            var requests = r.Rps * Seconds;
            var appPer = (Process.GetCurrentProcess().TotalProcessorTime - appCpu).TotalMicroseconds / requests;
            var dbPer = (PostgresCpu(database) - dbCpu).TotalMicroseconds / requests;
            table.Append(CultureInfo.InvariantCulture,
                $"| {name} | {r.Rps:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Errors} | {r.Non2xx} | {appPer:F0} | {dbPer:F0} |\n");
            if (r.Errors > 0 || r.Non2xx > 0) failures.Add($"{name}: {r.Errors} errors, {r.Non2xx} non-2xx");
        }
        output.WriteLine(table.ToString());
        output.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        failures.ShouldBeEmpty();
    }

    private sealed record Sample(string CreditCode, string NameFragment, District District, Guid EnterpriseId);

    /// <summary>100,000 enterprises, each with an application, a ScoreCard snapshot and a rating in one published campaign.</summary>
    private static async Task<Sample> SeedAsync(EvaluationApp app)
    {
        await using var scope = app.Db();
        var db = scope.Context;
        var catalogue = scope.Services.GetRequiredService<CatalogueLibrary>().Get(DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion);
        var scorer = scope.Services.GetRequiredService<Scorer>();
        var campaign = new Campaign(Guid.NewGuid(), 2017, "2017年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion, CampaignPhases.ForYear(2017));
        db.Campaigns.Add(campaign);
        await db.Because("load arrange").SaveChangesAsync();

        var synthetic = new SyntheticEnterprises(2018);
        var facts = new SyntheticFacts(synthetic.Faker.Random);
        var now = new DateTime(2017, 9, 15, 2, 0, 0, DateTimeKind.Utc);
        var districts = Districts.All.ToArray();
        string[] industries = ["C1711", "C3525", "C3670", "G5920", "E4710", "I6510"];
        var enterprises = new List<Enterprise>(Enterprises);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (enterprises.Count < Enterprises)
        {
            var district = districts[enterprises.Count % districts.Length];
            var code = synthetic.NewCreditCode(district);
            if (!codes.Add(code.Value)) continue;
            var i = enterprises.Count;
            enterprises.Add(new Enterprise(Guid.NewGuid(), code, $"宁波{synthetic.Faker.Company.CompanyName()}{i:D6}有限公司", district,
                industries[i % industries.Length], (SizeClass)(i % 4), null, now));
        }

        // Fifty really scored ScoreCards, reused round-robin: the pages render real JSON without scoring 100,000.
        var templates = enterprises.Take(50).Select(e =>
        {
            var application = new Application(Guid.NewGuid(), campaign.Id, e.Id, Track.Full, now);
            var resolved = catalogue.ForIndustry(e.IndustryCode);
            var made = facts.For(e, resolved).Select(v => new Fact(Guid.NewGuid(), campaign.Id, e.Id, v.Key, FactValue.From(v.Value),
                FactOrigin.Enterprise, null, null, "load", now)).ToList();
            return scorer.Freeze(application, scorer.Score(campaign, e, made));
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkWrite.InsertAsync(db, enterprises, default);
        var applications = new List<Application>(Enterprises);
        var snapshots = new List<ScoreCardSnapshot>(Enterprises);
        var ratings = new List<Rating>(Enterprises);
        foreach (var (e, i) in enterprises.Select((e, i) => (e, i)))
        {
            var application = new Application(Guid.NewGuid(), campaign.Id, e.Id, Track.Full, now);
            application.Submit(now);
            application.StartReview();
            application.Accept(now);
            application.RecordScore();
            application.OpenPublicNotice();
            application.Publish();
            var t = templates[i % templates.Count];
            var snapshot = new ScoreCardSnapshot(Guid.NewGuid(), application.Id, t.CatalogueId, t.CatalogueVersion, t.FactsHash,
                t.ScoreCardJson, t.Total, t.Grade, now);
            applications.Add(application);
            snapshots.Add(snapshot);
            ratings.Add(new Rating(Guid.NewGuid(), e.Id, campaign.Id, snapshot.Id, Enum.Parse<Grade>(t.Grade),
                campaign.PublishOn, campaign.PublishOn.AddYears(3).AddDays(-1), now));
        }
        await BulkWrite.InsertAsync(db, applications, default);
        await BulkWrite.InsertAsync(db, snapshots, default);
        await BulkWrite.InsertAsync(db, ratings, default);
        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var probe = enterprises[Enterprises / 2];
        return new Sample(probe.CreditCode, probe.Name[2..6], probe.District, probe.Id);
    }

    private static async Task<(string Token, string Cookie)> CredentialsAsync(EvaluationApp app, Sample sample)
    {
        var (token, hash) = DepartmentToken.Generate();
        await using (var scope = app.Db())
        {
            scope.Context.Set<DepartmentToken>().Add(new DepartmentToken(Guid.NewGuid(), "hrss", "load", hash, "load", DateTime.UtcNow));
            await scope.Context.SaveChangesAsync();
            var accounts = scope.Services.GetRequiredService<AccountService>();
            var created = await accounts.CreateAsync(Account.ForEnterprise(Guid.NewGuid(), "load-enterprise", "负载测试企业",
                sample.EnterpriseId, DateTime.UtcNow), Scenario.Password);
            created.Succeeded.ShouldBeTrue();
        }
        using var handler = new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        var response = await client.PostFormAsync("/account/login",
            new() { ["UserName"] = "load-enterprise", ["Password"] = Scenario.Password });
        ((int)response.StatusCode).ShouldBe(302);
        var cookie = handler.CookieContainer.GetCookies(app.BaseAddress).Single(c => c.Name == "evaluation.auth");
        return (token, $"{cookie.Name}={cookie.Value}");
    }

    /// <summary>User + system CPU of the PostgreSQL backends connected to <paramref name="database"/> (from /proc).</summary>
    private static TimeSpan PostgresCpu(string database)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!command.StartsWith("postgres: ", StringComparison.Ordinal) || !command.Contains($" {database} ", StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    private sealed record Result(double Rps, double P50, double P95, double P99, long Errors, long Non2xx);

    private async Task<Result> WrkAsync(string url, string? header)
    {
        var script = Path.Combine(Path.GetTempPath(), "evaluation-wrk.lua");
        await File.WriteAllTextAsync(script, (url.EndsWith("q=RANDOM", StringComparison.Ordinal) ? """
            local threads = 0
            setup = function(thread)
              thread:set("id", threads)
              threads = threads + 1
            end
            init = function(args)
              math.randomseed(20261122 + id * 7919) -- each thread its own names, not the same sequence twice
            end
            request = function()
              local path = wrk.path:gsub("RANDOM", "")
              return wrk.format(nil, path .. string.format("%06d", math.random(0, 99999)))
            end

            """ : "") + """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT rps=%.1f p50=%.3f p95=%.3f p99=%.3f errors=%d non2xx=%d\n",
                summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
            end
            """);
        var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Connections == 1 ? "-t1" : "-t2", $"-c{Connections}", $"-d{Seconds}s", "--timeout", "10s", "-s", script }) start.ArgumentList.Add(a);
        if (header is not null) { start.ArgumentList.Add("-H"); start.ArgumentList.Add(header); }
        start.ArgumentList.Add(url);
        using var wrk = Process.Start(start)!;
        var text = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var m = ResultLine().Match(text);
        if (!m.Success) throw new InvalidOperationException($"wrk said: {text}{await wrk.StandardError.ReadToEndAsync()}");
        double D(string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        return new Result(D("rps"), D("p50"), D("p95"), D("p99"), long.Parse(m.Groups["errors"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["non2xx"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"RESULT rps=(?<rps>[\d.]+) p50=(?<p50>[\d.]+) p95=(?<p95>[\d.]+) p99=(?<p99>[\d.]+) errors=(?<errors>\d+) non2xx=(?<non2xx>\d+)")]
    private static partial Regex ResultLine();
}
