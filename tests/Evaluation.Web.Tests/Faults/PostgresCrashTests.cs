using System.Diagnostics;
using System.Globalization;
using System.Text;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Evaluation.Web.Tests.Centre;
using Evaluation.Web.Tests.DepartmentData;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;

namespace Evaluation.Web.Tests.Faults;

/// <summary>
/// The database server dies under the app (<c>pg_ctl stop -m immediate</c>) and comes back on the same port:
/// an import cut off mid-COPY leaves nothing behind and can be committed again exactly once, and the same app
/// instance answers /health 503 while the server is down and 200 once it is back, without a restart; a scoring
/// run cut off mid-batch resumes on the same instance from its last committed batch, with no score card twice.
/// Each test kills a PostgreSQL server of its own, never the shared fixture other classes use meanwhile.
/// </summary>
[Collection(Name)]
public sealed class PostgresCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Name = "postgres-crash";
    private const int Rows = 20_000; // × 3 inputs = 60,000 facts and as many audit entries, in 12 COPY chunks
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync(); // throws with the server log if it cannot start

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ServerKilledDuringImport_LeavesNothingHalfApplied_AndTheUploadCommitsAgainExactlyOnce()
    {
        await using var app = await EvaluationApp.StartPostgresAsync(_server);
        await SeedEnterprisesAsync(app);
        var hrss = await app.AsDepartment("hrss");
        var (preview, html) = await hrss.PreviewAsync(File());
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"{Rows * 3} changes");
        var before = await CountsAsync(app);

        var commit = hrss.CommitAsync(html);
        var copying = await WaitForCopyAsync(app, commit);
        await _server.StopImmediatelyAsync();
        var killed = await commit;
        output.WriteLine($"killed after {copying.TotalSeconds:0.0} s of the commit; it answered {(int)killed.StatusCode}");
        killed.StatusCode.ShouldNotBe(HttpStatusCode.Redirect, "the commit cannot have succeeded: the server died under it");
        (await app.Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await _server.StartAsync();
        await WaitForHealthyAsync(app);

        (await CountsAsync(app)).ShouldBe(before, "facts and audit entries as before the import: no half of it survived");
        var again = await hrss.CommitAsync(html); // the same preview: its stored file was kept since nothing was saved
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldContain($"committed={Rows * 3}");
        var after = await CountsAsync(app);
        after.Facts.ShouldBe(before.Facts + Rows * 3);
        after.Audit.ShouldBeGreaterThanOrEqualTo(before.Audit + Rows * 3);
        var once = await hrss.CommitAsync(html); // a double click: the upload is spent
        once.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CountsAsync(app)).ShouldBe(after, "exactly once");
        (await hrss.PreviewAsync(File())).Html.ShouldContain("0 changes");
    }

    /// <summary>
    /// Issue 15 item 2: the server dies while a keyed /api/v1/facts batch is being written. The key's claim commits
    /// only with the batch, so after the restart the department system's retry with the same key applies the batch,
    /// exactly once (it used to find the key "in progress" for ever: 409 on every retry).
    /// </summary>
    [Fact]
    public async Task ServerKilledDuringAKeyedApiBatch_TheRetryWithTheSameKeyAppliesItExactlyOnce()
    {
        await using var app = await EvaluationApp.StartPostgresAsync(_server);
        await SeedEnterprisesAsync(app);
        var api = await app.AsApi("hrss");
        var batch = new StringBuilder("[");
        for (var i = 0; i < Rows; i++)
            batch.Append(i == 0 ? "" : ",").Append("{\"creditCode\":\"").Append(Code(i)).Append("\",\"inputId\":\"wage_arrears_cases\",\"value\":")
                .Append(i % 3 + 1).Append("},{\"creditCode\":\"").Append(Code(i)).Append("\",\"inputId\":\"min_wage_violations\",\"value\":")
                .Append(i % 2).Append('}');
        var body = batch.Append(']').ToString();
        Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "crash-retry-1");
            return api.SendAsync(request);
        }
        var before = await CountsAsync(app);

        var first = Send();
        var copying = await WaitForCopyAsync(app, first);
        await _server.StopImmediatelyAsync();
        var killed = await first;
        output.WriteLine($"killed after {copying.TotalSeconds:0.0} s of the batch; it answered {(int)killed.StatusCode}");
        killed.StatusCode.ShouldNotBe(HttpStatusCode.OK, "the batch cannot have succeeded: the server died under it");
        await _server.StartAsync();
        await WaitForHealthyAsync(app);
        (await CountsAsync(app)).ShouldBe(before, "no half of the batch survived");

        var retry = await Send();
        var answer = await retry.Content.ReadAsStringAsync();
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        answer.ShouldContain($"\"changed\":{Rows * 2}");
        var after = await CountsAsync(app);
        after.Facts.ShouldBe(before.Facts + Rows * 2);

        var replay = await Send();
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(answer, "the same answer, byte for byte");
        (await CountsAsync(app)).ShouldBe(after, "exactly once");
    }

    [Fact]
    public async Task HealthAndPages_OnTheSameAppInstance_Are503WhileTheServerIsDown_And200WhenItIsBack()
    {
        await using var app = await EvaluationApp.StartPostgresAsync(_server);
        var hrss = await app.AsDepartment("hrss"); // signed in before the crash: the cookie outlives it
        var anonymous = app.Anonymous();
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hrss.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.OK); // the pool holds live connections now

        await _server.StopImmediatelyAsync();
        var watch = Stopwatch.StartNew();
        var down = await anonymous.GetAsync("/health");
        output.WriteLine($"/health with the server down: {(int)down.StatusCode} in {watch.ElapsedMilliseconds} ms");
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "still down, still 503");
        var page = await hrss.GetAsync("/department/data"); // a page that needs the database: try again, not "our bug"
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter.ShouldNotBeNull();
        (await page.Content.ReadAsStringAsync()).ShouldContain("数据库暂时不可用");

        await _server.StartAsync();
        // Every pooled connection died with the server; the first request after the restart must not be handed one.
        var first = await anonymous.GetAsync("/health");
        first.StatusCode.ShouldBe(HttpStatusCode.OK, "the first /health after the restart");
        (await hrss.GetAsync("/department/data")).StatusCode.ShouldBe(HttpStatusCode.OK, "pages read the database again");
    }

    [Fact]
    public async Task ServerRestartedBetweenRequests_HealthIsRightAtOnce_AndPagesRecoverAfterAtMostOneFailure()
    {
        await using var app = await EvaluationApp.StartPostgresAsync(_server);
        var hrss = await app.AsDepartment("hrss");

        // Npgsql hands out pooled connections unchecked: after a restart each idle one is dead. Several requests
        // at once leave several idle connections in the pool; no request reaches the app while the server is down.
        await WarmAndRestartAsync(hrss);
        (await app.Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK, "the first /health after the restart");
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => hrss.GetAsync("/department/data")));
        pages.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 200, "/health purged the dead pool");

        // Without /health first: the request that meets the first dead connection fails; it purges the pool.
        await WarmAndRestartAsync(hrss);
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++) statuses.Add((int)(await hrss.GetAsync("/department/data")).StatusCode);
        output.WriteLine("pages after the second restart: " + string.Join(", ", statuses));
        statuses.Skip(1).ShouldAllBe(s => s == 200, "one failure at most, then every request meets a live connection");
    }

    private async Task WarmAndRestartAsync(HttpClient client)
    {
        var warm = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/department/data")));
        warm.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 200);
        await _server.StopImmediatelyAsync();
        await _server.StartAsync();
    }

    [Fact]
    public async Task ServerKilledDuringAScoringRun_TheRunResumesOnTheSameInstance_AndNoScoreCardIsDuplicated()
    {
        const int applications = 10;
        await using var app = await EvaluationApp.StartPostgresAsync(_server);
        var options = app.Services.GetRequiredService<IOptions<ScoringOptions>>().Value;
        (options.BatchSize, options.PollSeconds) = (2, 1); // five batches; the worker looks again a second after a failure
        var campaign = await CentreCase.CampaignAsync(app);
        var cases = new List<CentreCase>();
        for (var i = 0; i < applications; i++) cases.Add(await CentreCase.CreateAsync(app, ApplicationStatus.Accepted, campaign));

        // The worker scores by application id, two at a time. Holding the fifth application's row makes the third
        // batch stop mid-transaction (snapshots written, its UPDATE waiting), after two batches have committed.
        await using var monitor = new NpgsqlConnection(app.ConnectionString + ";Pooling=false");
        await monitor.OpenAsync();
        var locker = new NpgsqlConnection(app.ConnectionString + ";Pooling=false");
        await locker.OpenAsync();
        var hold = await locker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM \"Applications\" WHERE \"Id\" = "
            + "(SELECT \"Id\" FROM \"Applications\" WHERE \"CampaignId\" = @c ORDER BY \"Id\" OFFSET 4 LIMIT 1) FOR UPDATE", locker, hold))
        {
            lockRow.Parameters.AddWithValue("c", campaign);
            (await lockRow.ExecuteScalarAsync()).ShouldNotBeNull();
        }
        var reviewer = await app.AsReviewer();
        var start = await reviewer.PostFormAsync("/review/scoring?handler=Start", new() { ["campaignId"] = campaign.ToString() }, "/review/scoring");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var runId = Guid.Parse(start.Headers.Location!.OriginalString.Split('/')[^1]);
        await WaitUntilAsync(monitor, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            "the third batch waiting on the held row");
        await using (var done = new NpgsqlCommand("SELECT \"Done\" FROM \"ScoringRuns\" WHERE \"Id\" = @id", monitor))
        {
            done.Parameters.AddWithValue("id", runId);
            ((int)(await done.ExecuteScalarAsync())!).ShouldBe(4, "two batches committed before the kill");
        }

        await _server.StopImmediatelyAsync(); // the third batch dies uncommitted, the worker's next looks fail
        await locker.DisposeAsync();
        await Task.Delay(1500); // at least one failed look while the server is down: the worker must survive it
        await _server.StartAsync();

        ScoringRun run;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = app.Db())
                run = await scope.Context.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.Status == ScoringRunStatus.Completed) break;
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The run did not resume: {run.Done}/{run.Total} after 60 s.");
            await Task.Delay(200);
        }
        output.WriteLine($"run completed {watch.ElapsedMilliseconds} ms after the restart");
        (run.Total, run.Done, run.Scored, run.Unchanged, run.Failed).ShouldBe((applications, applications, applications, 0, 0));
        await using var check = app.Db();
        var ids = cases.Select(c => c.ApplicationId).ToList();
        var snapshots = await check.Context.ScoreCardSnapshots.Where(s => ids.Contains(s.ApplicationId)).Select(s => s.ApplicationId).ToListAsync();
        snapshots.ShouldBe(ids, ignoreOrder: true, "exactly one score card per application: none lost, none duplicated");
        (await check.Context.Applications.Where(a => ids.Contains(a.Id)).Select(a => a.Status).ToListAsync())
            .ShouldAllBe(s => s == ApplicationStatus.Scored);
    }

    private static async Task WaitUntilAsync(NpgsqlConnection monitor, string countSql, string what)
    {
        await using var command = new NpgsqlCommand(countSql, monitor);
        var watch = Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(10);
        }
    }

    private static async Task<TimeSpan> WaitForCopyAsync(EvaluationApp app, Task<HttpResponseMessage> commit)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using var monitor = new NpgsqlConnection(app.ConnectionString + ";Pooling=false");
        await monitor.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND xact_start IS NOT NULL AND query LIKE 'COPY %'", monitor);
        query.Parameters.AddWithValue("db", database!);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (commit.IsCompleted)
                throw new InvalidOperationException(
                    $"The commit ended ({(int)(await commit).StatusCode}) before a COPY was seen: nothing was killed mid-import.");
            // A transaction that has run a COPY (running now or between chunks) is an import in flight.
            if ((long)(await query.ExecuteScalarAsync())! > 0) return watch.Elapsed;
            await Task.Delay(5);
        }
        throw new TimeoutException("No COPY started within 60 s of the commit.");
    }

    private async Task WaitForHealthyAsync(EvaluationApp app)
    {
        var watch = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            attempts++;
            var health = await app.Anonymous().GetAsync("/health");
            if (health.StatusCode == HttpStatusCode.OK) break;
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("/health stayed unhealthy 30 s after the restart.");
            await Task.Delay(200);
        }
        output.WriteLine($"/health 200 after the restart at attempt {attempts} ({watch.ElapsedMilliseconds} ms)");
        attempts.ShouldBe(1, "the server is up when pg_ctl -w returns: the app must not need a second try");
    }

    private static async Task<(int Facts, int Audit)> CountsAsync(EvaluationApp app)
    {
        await using var scope = app.Db();
        return (await scope.Context.Facts.CountAsync(), await scope.Context.AuditEntries.CountAsync());
    }

    private static string Code(int i)
    {
        var first17 = "91330200MB" + i.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static string File()
    {
        var csv = new StringBuilder("统一社会信用代码 credit_code,拖欠工资 wage_arrears_cases,最低工资 min_wage_violations,加班 overtime_pay_violations\n");
        for (var i = 0; i < Rows; i++) csv.Append(Code(i)).Append(',').Append(i % 3 + 1).Append(',').Append(i % 2).Append(",0\n");
        return csv.ToString();
    }

    /// <summary>The enterprises and their applications, written in one COPY each: arranging, not under test.</summary>
    private static async Task SeedEnterprisesAsync(EvaluationApp app)
    {
        var now = TestClock.Start.UtcDateTime;
        var enterprises = Enumerable.Range(0, Rows).Select(i => new Enterprise(Guid.NewGuid(), CreditCode.Parse(Code(i)),
            $"故障企业{i}", District.Haishu, "C1711", SizeClass.Small, null, now)).ToList();
        var applications = enterprises.Select(e => new Application(Guid.NewGuid(), app.Scenario.CampaignId, e.Id, Track.Full, now)).ToList();
        await using var scope = app.Db();
        await using var transaction = await scope.Context.Database.BeginTransactionAsync();
        await BulkWrite.InsertAsync(scope.Context, enterprises, CancellationToken.None);
        await BulkWrite.InsertAsync(scope.Context, applications, CancellationToken.None);
        await transaction.CommitAsync();
    }
}

/// <summary>Its own collection: these tests kill their own servers and share nothing with the "postgres" fixture.</summary>
[CollectionDefinition(PostgresCrashTests.Name)]
public sealed class PostgresCrashCollection;
