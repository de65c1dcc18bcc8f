using System.Threading.Channels;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Scoring;

internal sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Applications scored and committed together; a restart loses at most one batch of work.</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>How often the worker looks for a running run when nobody woke it.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <summary>
/// Starts scoring runs and works through them one batch at a time. A batch scores the next applications
/// (by id, after the run's cursor) and commits their snapshots, their moves to Scored and the run's
/// progress in one SaveChanges, so progress and results never disagree after a crash.
/// </summary>
internal sealed class ScoringRuns(EvaluationDbContext db, Scorer scorer, TimeProvider clock, ScoringSignal signal)
{
    private static readonly ApplicationStatus[] Scorable = [ApplicationStatus.Accepted, ApplicationStatus.Scored];

    /// <summary>Starts a run for the campaign, or answers the one already running for it.</summary>
    public async Task<ScoringRun> StartAsync(Guid campaignId, string startedBy, CancellationToken cancellationToken)
    {
        var running = await db.ScoringRuns.FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.Status == ScoringRunStatus.Running,
            cancellationToken);
        if (running is not null) return running;
        var total = await db.Applications.CountAsync(a => a.CampaignId == campaignId && Scorable.Contains(a.Status), cancellationToken);
        var run = new ScoringRun(Guid.NewGuid(), campaignId, total, startedBy, clock.GetUtcNow().UtcDateTime);
        db.ScoringRuns.Add(run);
        await db.Because("开始评分 / scoring run started").SaveChangesAsync(cancellationToken);
        signal.Wake();
        return run;
    }

    /// <summary>Scores the next batch of the run; false once the run is complete (or not running).</summary>
    public async Task<bool> StepAsync(Guid runId, int batchSize, CancellationToken cancellationToken)
    {
        var run = await db.ScoringRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != ScoringRunStatus.Running) return false;
        var query = db.Applications.Where(a => a.CampaignId == run.CampaignId && Scorable.Contains(a.Status));
        if (run.Cursor is { } cursor) query = query.Where(a => a.Id.CompareTo(cursor) > 0);
        var batch = await query.OrderBy(a => a.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            run.Complete(clock.GetUtcNow().UtcDateTime);
            await db.Because("评分完成 / scoring run completed").SaveChangesAsync(cancellationToken);
            return false;
        }
        var (scored, unchanged, failed, error) = await ScoreAsync(run.CampaignId, batch, cancellationToken);
        run.Advance(batch[^1].Id, scored, unchanged, failed, error);
        await db.Because($"评分批次 / scoring run {run.Id}").SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Re-scores one application now (after an upheld objection); true when a new snapshot was written.</summary>
    public async Task<bool> RescoreAsync(Application application, CancellationToken cancellationToken)
    {
        var (scored, _, failed, error) = await ScoreAsync(application.CampaignId, [application], cancellationToken);
        if (failed > 0) throw new InvalidOperationException(error);
        return scored > 0;
    }

    /// <summary>
    /// Scores the applications (one campaign) on the campaign's pinned catalogue, adding a snapshot only where
    /// the facts hash or catalogue version differs from the application's latest snapshot. Nothing is saved here.
    /// </summary>
    private async Task<(int Scored, int Unchanged, int Failed, string? Error)> ScoreAsync(Guid campaignId,
        IReadOnlyList<Application> applications, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId, cancellationToken);
        var enterpriseIds = applications.Select(a => a.EnterpriseId).ToList();
        var applicationIds = applications.Select(a => a.Id).ToList();
        // Three queries per batch, whatever its size: enterprises, current facts, earlier snapshots' keys.
        var enterprises = await db.Enterprises.Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var facts = (await db.Facts.Where(f => f.CampaignId == campaignId && enterpriseIds.Contains(f.EnterpriseId) && f.SupersededById == null)
            .ToListAsync(cancellationToken)).ToLookup(f => f.EnterpriseId);
        var latest = (await db.ScoreCardSnapshots.Where(s => applicationIds.Contains(s.ApplicationId))
                .Select(s => new { s.ApplicationId, s.CatalogueId, s.CatalogueVersion, s.FactsHash, s.CreatedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.ApplicationId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.CreatedAt).First());
        int scored = 0, unchanged = 0, failed = 0;
        string? error = null;
        foreach (var application in applications)
        {
            ScoreCardSnapshot snapshot;
            try { snapshot = scorer.Score(campaign, enterprises[application.EnterpriseId], application, facts[application.EnterpriseId].ToList()); }
            catch (InvalidOperationException e) { failed++; error = e.Message; continue; }
            var last = latest.GetValueOrDefault(application.Id);
            if (last is not null && last.FactsHash == snapshot.FactsHash
                && last.CatalogueId == snapshot.CatalogueId && last.CatalogueVersion == snapshot.CatalogueVersion)
            {
                unchanged++;
                if (application.Status == ApplicationStatus.Accepted) application.RecordScore();
                continue;
            }
            db.ScoreCardSnapshots.Add(last is null ? snapshot : snapshot.After(last.CreatedAt));
            if (application.Status is ApplicationStatus.Accepted or ApplicationStatus.Scored) application.RecordScore();
            else application.Touch();
            scored++;
        }
        return (scored, unchanged, failed, error);
    }
}

/// <summary>Wakes the worker when a run starts, instead of waiting for its next look.</summary>
internal sealed class ScoringSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            if (await _channel.Reader.WaitToReadAsync(cts.Token)) _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
    }
}

/// <summary>
/// The hosted worker: picks the oldest running run and scores it batch by batch. On start-up it finds any
/// run a previous process left running and resumes it from its cursor; a batch lost to the crash is scored again.
/// </summary>
internal sealed class ScoringRunner(IServiceScopeFactory scopes, ScoringSignal signal, IOptions<ScoringOptions> options,
    ILogger<ScoringRunner> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try { worked = await StepOldestAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (DbUpdateConcurrencyException)
            {
                // Another worker, or a reviewer's edit, changed the run or an application meanwhile: take the batch again.
                log.LogInformation("Scoring batch met a concurrent change; retrying");
                worked = true;
            }
#pragma warning disable CA1031 // the worker must outlive a database outage; the next look retries
            catch (Exception e) { log.LogWarning(e, "Scoring run step failed; retrying later"); }
#pragma warning restore CA1031
            if (!worked)
            {
                try { await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<bool> StepOldestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var runId = await db.ScoringRuns.Where(r => r.Status == ScoringRunStatus.Running).OrderBy(r => r.StartedAt)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (runId is null) return false;
        await scope.ServiceProvider.GetRequiredService<ScoringRuns>().StepAsync(runId.Value, Math.Max(1, options.Value.BatchSize), cancellationToken);
        return true;
    }
}
