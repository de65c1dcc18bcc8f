using System.Text.Json;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Tests.Centre;

/// <summary>Scoring runs in the hosted worker: all accepted applications scored in batches, idempotent re-runs, resumption.</summary>
public abstract class ScoringRunTests(AppHolder holder) : AppTests(holder)
{
    private async Task<(Guid Campaign, List<CentreCase> Cases)> AcceptedAsync(int n)
    {
        // Small batches, so that every run here takes several.
        App.Services.GetRequiredService<IOptions<ScoringOptions>>().Value.BatchSize = 2;
        var campaign = await CentreCase.CampaignAsync(App);
        var cases = new List<CentreCase>();
        for (var i = 0; i < n; i++) cases.Add(await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign));
        return (campaign, cases);
    }

    private async Task<ScoringRun> CompletedAsync(Guid runId)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = App.Db();
            var run = await db.Context.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.Status == ScoringRunStatus.Completed) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Scoring run {runId} did not complete in 30 s.");
    }

    private async Task<Guid> StartThroughThePageAsync(Guid campaign)
    {
        var reviewer = await App.AsReviewer();
        var response = await reviewer.PostFormAsync("/review/scoring?handler=Start", new() { ["campaignId"] = campaign.ToString() }, "/review/scoring");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<List<ScoreCardSnapshot>> SnapshotsAsync(IEnumerable<CentreCase> cases)
    {
        var ids = cases.Select(c => c.ApplicationId).ToList();
        await using var db = App.Db();
        return await db.Context.ScoreCardSnapshots.Where(s => ids.Contains(s.ApplicationId)).ToListAsync();
    }

    [Fact]
    public async Task Run_ScoresEveryAcceptedApplication_InTheBackground_AndReportsProgress()
    {
        var (campaign, cases) = await AcceptedAsync(7);

        var runId = await StartThroughThePageAsync(campaign);
        var run = await CompletedAsync(runId);

        (run.Total, run.Done, run.Scored, run.Unchanged, run.Failed).ShouldBe((7, 7, 7, 0, 0));
        run.FinishedAt.ShouldNotBeNull();
        var snapshots = await SnapshotsAsync(cases);
        snapshots.Select(s => s.ApplicationId).ShouldBe(cases.Select(c => c.ApplicationId), ignoreOrder: true);
        snapshots.ShouldAllBe(s => s.CatalogueId == "ningbo-harmonious-enterprise" && s.CatalogueVersion == "2018.1" && s.FactsHash.Length == 64);
        await using (var db = App.Db())
        {
            var ids = cases.Select(c => c.ApplicationId).ToList();
            (await db.Context.Applications.Where(a => ids.Contains(a.Id)).Select(a => a.Status).ToListAsync())
                .ShouldAllBe(s => s == ApplicationStatus.Scored);
        }
        var reviewer = await App.AsReviewer();
        (await reviewer.GetStringAsync($"/review/scoring/runs/{runId}")).ShouldContain("role=\"progressbar\"");
        using var progress = JsonDocument.Parse(await reviewer.GetStringAsync($"/review/scoring/runs/{runId}?handler=Progress"));
        progress.RootElement.GetProperty("status").GetString().ShouldBe("Completed");
        progress.RootElement.GetProperty("percent").GetInt32().ShouldBe(100);
        progress.RootElement.GetProperty("done").GetInt32().ShouldBe(7);
        (await (await App.AsEnterprise()).GetAsync($"/review/scoring/runs/{runId}?handler=Progress")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SecondRun_WithUnchangedFacts_ChangesNothing_AndAChangedFactRescoresOnlyItsApplication()
    {
        var (campaign, cases) = await AcceptedAsync(5);
        await CompletedAsync(await StartThroughThePageAsync(campaign));
        var before = await SnapshotsAsync(cases);

        var second = await CompletedAsync(await StartThroughThePageAsync(campaign));

        (second.Total, second.Scored, second.Unchanged).ShouldBe((5, 0, 5));
        (await SnapshotsAsync(cases)).Select(s => s.Id).ShouldBe(before.Select(s => s.Id), ignoreOrder: true);

        await using (var db = App.Db())
        {
            db.Context.Facts.Add(new Fact(Guid.NewGuid(), campaign, cases[2].EnterpriseId, "governance_level", FactValue.From("excellent"),
                FactOrigin.Reviewer, null, null, "reviewer", TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var third = await CompletedAsync(await StartThroughThePageAsync(campaign));

        (third.Scored, third.Unchanged).ShouldBe((1, 4));
        var after = await SnapshotsAsync(cases);
        after.Count.ShouldBe(6);
        after.Count(s => s.ApplicationId == cases[2].ApplicationId).ShouldBe(2);
    }

    [Fact]
    public async Task InterruptedRun_ResumesAfterRestart_AndEndsWithExactlyOneSnapshotPerApplication()
    {
        var (campaign, cases) = await AcceptedAsync(5);
        var worker = App.Services.GetServices<IHostedService>().OfType<ScoringRunner>().Single();
        await worker.StopAsync(CancellationToken.None); // the process "dies"
        Guid runId;
        await using (var scope = App.Db())
        {
            var runs = scope.Services.GetRequiredService<ScoringRuns>();
            runId = (await runs.StartAsync(campaign, "reviewer", CancellationToken.None)).Id;
            (await runs.StepAsync(runId, 2, CancellationToken.None)).ShouldBeTrue();
        }
        await using (var db = App.Db())
        {
            var halfway = await db.Context.ScoringRuns.SingleAsync(r => r.Id == runId);
            (halfway.Status, halfway.Done).ShouldBe((ScoringRunStatus.Running, 2));
            (await SnapshotsAsync(cases)).Count.ShouldBe(2);
            // Worst case: the batch's results were committed but the cursor was lost; the facts hash keeps it from scoring twice.
            db.Context.Entry(halfway).Property(r => r.Cursor).CurrentValue = null;
            await db.Context.Because("test arrange: cursor lost").SaveChangesAsync();
        }

        await worker.StartAsync(CancellationToken.None); // the process restarts and finds the run still Running
        var run = await CompletedAsync(runId);

        var snapshots = await SnapshotsAsync(cases);
        snapshots.GroupBy(s => s.ApplicationId).Select(g => g.Count()).ShouldBe([1, 1, 1, 1, 1]);
        snapshots.Select(s => s.ApplicationId).ShouldBe(cases.Select(c => c.ApplicationId), ignoreOrder: true);
        (run.Scored, run.Unchanged).ShouldBe((5, 2));
    }

    /// <summary>
    /// The batch is written without the change tracker (ADR 0016): its audit entries must read exactly as SaveChanges
    /// writes them. The same facts are scored once by the run and once through the tracker (the re-score an upheld
    /// objection uses, saved by SaveChanges), and the entries compared: the snapshot's Added, the move to Scored.
    /// </summary>
    [Fact]
    public async Task Run_WritesTheAuditEntriesSaveChangesWould_ForEachSnapshotAndStatusMove()
    {
        var (campaign, cases) = await AcceptedAsync(1);
        var viaTracker = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, await CentreCase.CampaignAsync(App));
        var runId = (await CompletedAsync(await StartThroughThePageAsync(campaign))).Id;
        var reason = $"评分批次 / scoring run {runId}";
        await using (var scope = App.Db())
        {
            var application = await scope.Context.Applications.SingleAsync(a => a.Id == viaTracker.ApplicationId);
            (await scope.Services.GetRequiredService<ScoringRuns>().RescoreAsync(application, CancellationToken.None)).ShouldBeTrue();
            await scope.Context.Because(reason).SaveChangesAsync();
        }

        await using var db = App.Db();
        async Task<(Features.Audit.AuditEntry Snapshot, Features.Audit.AuditEntry Move)> EntriesAsync(Guid applicationId)
        {
            var snapshot = await db.Context.ScoreCardSnapshots.AsNoTracking().SingleAsync(s => s.ApplicationId == applicationId);
            return (await db.Context.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(ScoreCardSnapshot) && e.EntityId == snapshot.Id.ToString()),
                await db.Context.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(Application)
                    && e.EntityId == applicationId.ToString() && e.Reason == reason));
        }
        var (bulk, tracked) = (await EntriesAsync(cases[0].ApplicationId), await EntriesAsync(viaTracker.ApplicationId));
        (bulk.Snapshot.Action, bulk.Snapshot.Actor, bulk.Snapshot.ActorUserId, bulk.Snapshot.Reason, bulk.Snapshot.At)
            .ShouldBe((tracked.Snapshot.Action, tracked.Snapshot.Actor, tracked.Snapshot.ActorUserId, tracked.Snapshot.Reason, tracked.Snapshot.At));
        WithoutIds(bulk.Snapshot.Changes).ShouldBe(WithoutIds(tracked.Snapshot.Changes), "same facts, same card: the same text but for the ids");
        bulk.Snapshot.Changes.ShouldContain("FactsHash");
        bulk.Snapshot.Changes.ShouldNotContain("ScoreCardJson");
        (bulk.Move.Action, bulk.Move.Actor, bulk.Move.Changes).ShouldBe((tracked.Move.Action, tracked.Move.Actor, tracked.Move.Changes));
        bulk.Move.Changes.ShouldContain("Scored");
    }

    private static string WithoutIds(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>");

    /// <summary>
    /// An application edited between a batch's read and its commit (its concurrency token moved) makes the whole batch
    /// write nothing, as SaveChanges' token check did; the worker then scores it again from the cursor.
    /// </summary>
    [Fact]
    public async Task Batch_WhoseApplicationChangedAfterItWasRead_WritesNothing_AndTheWorkerScoresItAgain()
    {
        var (campaign, cases) = await AcceptedAsync(3);
        var worker = App.Services.GetServices<IHostedService>().OfType<ScoringRunner>().Single();
        await worker.StopAsync(CancellationToken.None);
        var restarted = false;
        try
        {
            Guid runId;
            ScoringBatch batch;
            await using (var scope = App.Db())
            {
                var runs = scope.Services.GetRequiredService<ScoringRuns>();
                runId = (await runs.StartAsync(campaign, "reviewer", CancellationToken.None)).Id;
                batch = await runs.ReadAsync(campaign, null, 10, CancellationToken.None);
            }
            batch.Applications.Count.ShouldBe(3);
            await using (var db = App.Db())
            {
                var edited = await db.Context.Applications.SingleAsync(a => a.Id == cases[1].ApplicationId);
                edited.Touch(); // a reviewer's edit of its facts meanwhile
                await db.Context.Because("test arrange: edited meanwhile").SaveChangesAsync();
            }
            var audit = await AuditCountAsync();

            await using (var scope = App.Db())
                await Should.ThrowAsync<DbUpdateConcurrencyException>(() =>
                    scope.Services.GetRequiredService<ScoringRuns>().CommitAsync(runId, batch, CancellationToken.None));

            (await SnapshotsAsync(cases)).ShouldBeEmpty("the batch's snapshots rolled back with it");
            (await AuditCountAsync()).ShouldBe(audit, "and its audit entries");
            await using (var db = App.Db())
            {
                var run = await db.Context.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
                (run.Done, run.Cursor).ShouldBe((0, (Guid?)null));
                var ids = cases.Select(c => c.ApplicationId).ToList();
                (await db.Context.Applications.Where(a => ids.Contains(a.Id)).Select(a => a.Status).ToListAsync())
                    .ShouldAllBe(s => s == ApplicationStatus.Accepted);
            }

            await worker.StartAsync(CancellationToken.None);
            restarted = true;
            var done = await CompletedAsync(runId);
            (done.Done, done.Scored).ShouldBe((3, 3));
            (await SnapshotsAsync(cases)).Select(s => s.ApplicationId).ShouldBe(cases.Select(c => c.ApplicationId), ignoreOrder: true);
        }
        finally
        {
            if (!restarted) await worker.StartAsync(CancellationToken.None);
        }
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = App.Db();
        return await db.Context.AuditEntries.CountAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ScoringRunTestsOnPostgres(PostgresServer server, AppHolder holder) : ScoringRunTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class ScoringRunTestsOnSqlite(AppHolder holder) : ScoringRunTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
