namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// One scoring run (批量评分) over a campaign's accepted and scored applications, worked through in batches by
/// <see cref="ScoringRunner"/>. Persisted with a cursor (the last application id done) so that a run
/// interrupted by a restart resumes where its last committed batch ended (docs/decisions/0007).
/// </summary>
internal sealed class ScoringRun : IAudited
{
    private ScoringRun() { }

    public ScoringRun(Guid id, Guid campaignId, int total, string startedBy, DateTime startedAt)
    {
        (Id, CampaignId, Total, StartedBy, StartedAt) = (id, campaignId, total, startedBy, startedAt);
        Status = ScoringRunStatus.Running;
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public ScoringRunStatus Status { get; private set; }

    /// <summary>Applications to score, counted when the run started.</summary>
    public int Total { get; private set; }

    /// <summary>Applications worked through so far (scored, skipped as unchanged, or failed).</summary>
    public int Done { get; private set; }

    /// <summary>New snapshots written.</summary>
    public int Scored { get; private set; }

    /// <summary>Applications whose facts and catalogue were unchanged since their last snapshot: nothing written.</summary>
    public int Unchanged { get; private set; }

    /// <summary>Applications the engine could not score (unreadable facts); the last reason is kept.</summary>
    public int Failed { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The last application (by id) of the last committed batch; the next batch starts after it.</summary>
    public Guid? Cursor { get; private set; }

    public string StartedBy { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary>Concurrency token: two workers never both commit the same batch.</summary>
    [NotAudited] public Guid Version { get; private set; }

    public void Advance(Guid cursor, int scored, int unchanged, int failed, string? error)
    {
        if (Status != ScoringRunStatus.Running) throw new InvalidOperationException($"Scoring run {Id} is {Status}.");
        Cursor = cursor;
        Done += scored + unchanged + failed;
        (Scored, Unchanged, Failed) = (Scored + scored, Unchanged + unchanged, Failed + failed);
        if (error is not null) LastError = Shared.FreeText.Cut(error, 1000); // never inside a surrogate pair
        // More may have been accepted since the start; the bar never runs past the end.
        if (Done > Total) Total = Done;
        Version = Guid.NewGuid();
    }

    public void Complete(DateTime now)
    {
        if (Status != ScoringRunStatus.Running) throw new InvalidOperationException($"Scoring run {Id} is {Status}.");
        (Status, FinishedAt, Total) = (ScoringRunStatus.Completed, now, Done);
        Version = Guid.NewGuid();
    }

    public int Percent => Total == 0 ? 100 : (int)Math.Min(100, Done * 100L / Total);

    string IAudited.AuditKey => Id.ToString();
}

internal enum ScoringRunStatus { Running, Completed }
