using System.Threading.Channels;
using Evaluation.Web.Features.Facts;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Scoring;

internal sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// Applications scored and committed together; a restart loses at most one batch of work. 500 (about a third of a
    /// second of work): at 25 the per-batch round trips and transaction were most of a written run (docs/decisions/0016).
    /// </summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the worker looks for a running run when nobody woke it.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <summary>
/// Starts scoring runs and works through them one batch at a time. A batch scores the next applications
/// (by id, after the run's cursor) and commits their snapshots, their moves to Scored, their audit entries and
/// the run's progress in one transaction, so progress and results never disagree after a crash. The batch is
/// written without the change tracker (<see cref="BulkWrite"/>, docs/decisions/0016): snapshots and audit
/// entries by COPY or prepared inserts, the status moves as one UPDATE that checks every application's
/// concurrency token, the run itself through SaveChanges.
/// </summary>
internal sealed class ScoringRuns(EvaluationDbContext db, Scorer scorer, TimeProvider clock, ScoringSignal signal, AuditActor actor)
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
        var run = await db.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != ScoringRunStatus.Running) return false;
        var batch = await ReadAsync(run.CampaignId, run.Cursor, batchSize, cancellationToken);
        return await CommitAsync(runId, batch, cancellationToken);
    }

    /// <summary>
    /// Reads the next batch: up to <paramref name="size"/> accepted or scored applications after <paramref name="after"/>
    /// (by id) with their enterprises, current facts and latest snapshots' keys, in four queries whatever its size.
    /// Nothing is tracked; the worker reads the next batch on its own context while this one is scored and written.
    /// </summary>
    public async Task<ScoringBatch> ReadAsync(Guid campaignId, Guid? after, int size, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking().Where(a => a.CampaignId == campaignId && Scorable.Contains(a.Status));
        if (after is { } cursor) query = query.Where(a => a.Id.CompareTo(cursor) > 0);
        var applications = await query.OrderBy(a => a.Id).Take(size).ToListAsync(cancellationToken);
        return await LoadAsync(campaignId, after, applications, cancellationToken);
    }

    /// <summary>
    /// Scores the batch and commits it as the run's next step: false (and the run completed) when the batch is empty.
    /// Throws <see cref="DbUpdateConcurrencyException"/>, writing nothing, when the run moved on meanwhile (another
    /// worker committed this batch) or an application of the batch changed after it was read.
    /// </summary>
    public async Task<bool> CommitAsync(Guid runId, ScoringBatch batch, CancellationToken cancellationToken)
    {
        var run = await db.ScoringRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != ScoringRunStatus.Running) return false;
        if (run.Cursor != batch.After)
            throw new DbUpdateConcurrencyException($"Scoring run {runId} is at {run.Cursor}, the batch was read after {batch.After}.");
        if (batch.Applications.Count == 0)
        {
            run.Complete(clock.GetUtcNow().UtcDateTime);
            await db.Because("评分完成 / scoring run completed").SaveChangesAsync(cancellationToken);
            return false;
        }
        var outcomes = Score(batch);
        var reason = $"评分批次 / scoring run {run.Id}";
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshotType = db.Model.FindEntityType(typeof(ScoreCardSnapshot))!;
        var snapshots = new List<ScoreCardSnapshot>();
        var moves = new List<(Guid Key, Guid Seen, Guid Fresh)>();
        var audit = new List<AuditEntry>();
        int scored = 0, unchanged = 0, failed = 0;
        string? error = null;
        for (var i = 0; i < batch.Applications.Count; i++)
        {
            var (application, outcome) = (batch.Applications[i], outcomes[i]);
            if (outcome.Error is not null) { failed++; error = outcome.Error; continue; }
            if (outcome.Snapshot is null) unchanged++;
            else
            {
                scored++;
                snapshots.Add(outcome.Snapshot);
                audit.Add(AuditTrail.Added(snapshotType, outcome.Snapshot, actor.Name, actor.UserId, now, reason));
            }
            // As Application.RecordScore: Accepted → Scored always; a Scored one takes a fresh token only with a new snapshot.
            if (application.Status == ApplicationStatus.Scored && outcome.Snapshot is null) continue;
            moves.Add((application.Id, application.Version, Guid.NewGuid()));
            if (application.Status != ApplicationStatus.Scored)
                audit.Add(AuditTrail.Modified(nameof(Application), application.Id.ToString(), nameof(Application.Status),
                    application.Status, ApplicationStatus.Scored, actor.Name, actor.UserId, now, reason));
        }
        run.Advance(batch.Applications[^1].Id, scored, unchanged, failed, error);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkWrite.InsertAsync(db, snapshots, cancellationToken);
        var moved = await BulkWrite.SetWhereTokenAsync<Application>(db, nameof(Application.Id), nameof(Application.Version),
            nameof(Application.Status), ApplicationStatus.Scored, moves, cancellationToken);
        if (moved != moves.Count)
            throw new DbUpdateConcurrencyException($"{moves.Count - moved} application(s) of the batch changed after it was read.");
        await BulkWrite.InsertAsync(db, audit, cancellationToken);
        await db.Because(reason).SaveChangesAsync(cancellationToken); // the run's progress, checked by its own token
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Re-scores one application now (after an upheld objection); true when a new snapshot was written.</summary>
    /// <remarks>Through the change tracker: the caller's SaveChanges writes it together with the objection's answer.</remarks>
    public async Task<bool> RescoreAsync(Application application, CancellationToken cancellationToken)
    {
        var batch = await LoadAsync(application.CampaignId, null, [application], cancellationToken);
        var outcome = Score(batch)[0];
        if (outcome.Error is not null) throw new InvalidOperationException(outcome.Error);
        if (outcome.Snapshot is null)
        {
            if (application.Status == ApplicationStatus.Accepted) application.RecordScore();
            return false;
        }
        db.ScoreCardSnapshots.Add(outcome.Snapshot);
        if (application.Status is ApplicationStatus.Accepted or ApplicationStatus.Scored) application.RecordScore();
        else application.Touch();
        return true;
    }

    private async Task<ScoringBatch> LoadAsync(Guid campaignId, Guid? after, List<Application> applications,
        CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        if (applications.Count == 0) return new ScoringBatch(after, campaign, applications, [], [], []);
        var enterpriseIds = applications.Select(a => a.EnterpriseId).ToList();
        var applicationIds = applications.Select(a => a.Id).ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var facts = new Dictionary<Guid, List<IScoredFact>>(applications.Count);
        await foreach (var fact in db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaignId && enterpriseIds.Contains(f.EnterpriseId) && f.SupersededById == null)
            .Select(f => new ScoringFact(f.EnterpriseId, f.InputId, f.ValueText, f.Origin, f.DepartmentId, f.SuppliedAt, f.Verification))
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!facts.TryGetValue(fact.EnterpriseId, out var list)) facts[fact.EnterpriseId] = list = new List<IScoredFact>(128);
            list.Add(fact);
        }
        var latest = new Dictionary<Guid, SnapshotKey>();
        foreach (var key in await db.ScoreCardSnapshots.Where(s => applicationIds.Contains(s.ApplicationId))
            .Select(s => new SnapshotKey(s.ApplicationId, s.CatalogueId, s.CatalogueVersion, s.FactsHash, s.CreatedAt))
            .ToListAsync(cancellationToken))
            if (!latest.TryGetValue(key.ApplicationId, out var held) || key.CreatedAt > held.CreatedAt) latest[key.ApplicationId] = key;
        return new ScoringBatch(after, campaign, applications, enterprises, facts, latest);
    }

    /// <summary>
    /// Scores each application of the batch on the campaign's pinned catalogue: a new snapshot only where the facts
    /// hash or catalogue version differs from the application's latest snapshot. Pure: nothing is read or saved.
    /// </summary>
    private Outcome[] Score(ScoringBatch batch)
    {
        var outcomes = new Outcome[batch.Applications.Count];
        // Each application is scored on its own (the plan, the catalogue caches and the scorer are shared read-only),
        // so the batch is spread over the cores; the outcomes keep the batch's order.
        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => outcomes[i] = ScoreOne(batch, batch.Applications[i]));
        return outcomes;
    }

    private Outcome ScoreOne(ScoringBatch batch, Application application)
    {
        var enterprise = batch.Enterprises[application.EnterpriseId];
        var result = scorer.Score(batch.Campaign, enterprise, batch.Facts.TryGetValue(application.EnterpriseId, out var facts) ? facts : []);
        if (!result.IsScorable) return new Outcome(null, $"Facts of {enterprise.CreditCode} cannot be scored: {string.Join("; ", result.Reasons)}");
        var snapshot = scorer.Freeze(application, result);
        var last = batch.Latest.GetValueOrDefault(application.Id);
        if (last is not null && last.FactsHash == snapshot.FactsHash
            && last.CatalogueId == snapshot.CatalogueId && last.CatalogueVersion == snapshot.CatalogueVersion)
            return new Outcome(null, null);
        return new Outcome(last is null ? snapshot : snapshot.After(last.CreatedAt), null);
    }

    /// <summary>A new snapshot, or none (unchanged), or the reason the facts could not be scored.</summary>
    private readonly record struct Outcome(ScoreCardSnapshot? Snapshot, string? Error);
}

/// <summary>The key of an application's earlier snapshot: a new one is written only when this differs.</summary>
internal sealed record SnapshotKey(Guid ApplicationId, string CatalogueId, string CatalogueVersion, string FactsHash, DateTime CreatedAt);

/// <summary>
/// One batch of a run as read, untracked: the applications after <see cref="After"/> (the run's cursor when it was
/// read), their enterprises, current facts by enterprise and latest snapshots' keys by application.
/// </summary>
internal sealed record ScoringBatch(Guid? After, Campaign Campaign, List<Application> Applications,
    Dictionary<Guid, Enterprise> Enterprises, Dictionary<Guid, List<IScoredFact>> Facts, Dictionary<Guid, SnapshotKey> Latest)
{
    public Guid? Last => Applications.Count == 0 ? After : Applications[^1].Id;
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

    /// <summary>
    /// Works the oldest running run to its end, reading each next batch (on a context of its own) while the current
    /// one is scored and written: the database answers the read while this process scores. Any failure drops the
    /// read-ahead; the next look starts again from the cursor the last committed batch left.
    /// </summary>
    private async Task<bool> StepOldestAsync(CancellationToken cancellationToken)
    {
        Guid runId, campaignId;
        Guid? cursor;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
            var run = await db.ScoringRuns.AsNoTracking().Where(r => r.Status == ScoringRunStatus.Running).OrderBy(r => r.StartedAt)
                .Select(r => new { r.Id, r.CampaignId, r.Cursor }).FirstOrDefaultAsync(cancellationToken);
            if (run is null) return false;
            (runId, campaignId, cursor) = (run.Id, run.CampaignId, run.Cursor);
        }
        var size = Math.Max(1, options.Value.BatchSize);
        await using var readerScope = scopes.CreateAsyncScope();
        var reader = readerScope.ServiceProvider.GetRequiredService<ScoringRuns>();
        Task<ScoringBatch>? next = reader.ReadAsync(campaignId, cursor, size, cancellationToken);
        try
        {
            while (next is not null)
            {
                var batch = await next;
                next = batch.Applications.Count == 0 ? null : reader.ReadAsync(campaignId, batch.Last, size, cancellationToken);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<ScoringRuns>().CommitAsync(runId, batch, cancellationToken)) break;
            }
            return true;
        }
        finally
        {
            if (next is not null)
            {
#pragma warning disable CA1031 // the read-ahead is abandoned with the failed batch; its own failure says nothing new
                try { await next; }
                catch (Exception) { }
#pragma warning restore CA1031
            }
        }
    }
}
