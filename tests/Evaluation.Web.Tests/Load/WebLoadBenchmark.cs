using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Evaluation.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private const int Enterprises = 100_000;
    private static readonly int Seconds = int.TryParse(Environment.GetEnvironmentVariable("LOAD_SECONDS"), out var s) ? s : 30;

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
        };
        var table = new StringBuilder("| target | requests/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|---|\n");
        var failures = new List<string>();
        foreach (var (name, url, header) in targets)
        {
            var r = await WrkAsync(url, header);
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {r.Rps:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Errors} | {r.Non2xx} |\n");
            if (r.Errors > 0 || r.Non2xx > 0) failures.Add($"{name}: {r.Errors} errors, {r.Non2xx} non-2xx");
        }
        output.WriteLine(table.ToString());
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
            return scorer.Score(campaign, e, application, made);
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

    private sealed record Result(double Rps, double P50, double P95, double P99, long Errors, long Non2xx);

    private async Task<Result> WrkAsync(string url, string? header)
    {
        var script = Path.Combine(Path.GetTempPath(), "evaluation-wrk.lua");
        await File.WriteAllTextAsync(script, (url.EndsWith("q=RANDOM", StringComparison.Ordinal) ? """
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
        foreach (var a in new[] { "-t2", "-c64", $"-d{Seconds}s", "--timeout", "10s", "-s", script }) start.ArgumentList.Add(a);
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
