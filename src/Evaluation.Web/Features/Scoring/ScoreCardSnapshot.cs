namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// A scorecard as the engine produced it, frozen with the catalogue version and a hash of the facts it
/// read, so a published rating can be reproduced and checked byte for byte.
/// </summary>
internal sealed class ScoreCardSnapshot : IAudited
{
    private ScoreCardSnapshot() { }

    public ScoreCardSnapshot(Guid id, Guid applicationId, string catalogueId, string catalogueVersion,
        string factsHash, string scoreCardJson, decimal total, string grade, DateTime createdAt)
    {
        (Id, ApplicationId, CatalogueId, CatalogueVersion, FactsHash) =
            (id, applicationId, catalogueId, catalogueVersion, factsHash);
        (ScoreCardJson, Total, Grade, CreatedAt) = (scoreCardJson, total, grade, createdAt);
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string CatalogueId { get; private set; } = "";
    public string CatalogueVersion { get; private set; } = "";

    /// <summary>Hex SHA-256 over the current facts in a canonical order.</summary>
    public string FactsHash { get; private set; } = "";
    /// <summary>
    /// The whole ScoreCard. Not copied into the audit log: a snapshot is never changed, the row itself is the record,
    /// and the entry keeps its hash, total and grade (copying 4 KB per enterprise doubled a scoring run's writes).
    /// </summary>
    [NotAudited] public string ScoreCardJson { get; private set; } = "";
    public decimal Total { get; private set; }
    public string Grade { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// Dates this snapshot after the one it replaces: "the latest snapshot" is the application's current result,
    /// so two snapshots of one application never share a time (a still clock, or two writes in one tick).
    /// </summary>
    public ScoreCardSnapshot After(DateTime previous)
    {
        if (CreatedAt <= previous) CreatedAt = previous.AddMilliseconds(1);
        return this;
    }

    /// <summary>Dates a snapshot made now for a moment in the past (the demo's history, scored in its own year).</summary>
    public ScoreCardSnapshot DatedAt(DateTime at)
    {
        CreatedAt = at;
        return this;
    }

    string IAudited.AuditKey => Id.ToString();
}
