namespace Evaluation.Web.Features.Publication;

/// <summary>A published A–D rating (评价等级), valid for a period, revocable with a reason.</summary>
internal sealed class Rating : IAudited, IEnterpriseRecord
{
    private Rating() { }

    public Rating(Guid id, Guid enterpriseId, Guid campaignId, Guid? scoreCardSnapshotId, Grade grade,
        DateOnly validFrom, DateOnly validTo, DateTime publishedAt)
    {
        if (validTo < validFrom) throw new ArgumentException("A rating ends after it starts.", nameof(validTo));
        (Id, EnterpriseId, CampaignId, ScoreCardSnapshotId, Grade) = (id, enterpriseId, campaignId, scoreCardSnapshotId, grade);
        (ValidFrom, ValidTo, PublishedAt, Status) = (validFrom, validTo, publishedAt, RatingStatus.Published);
    }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid? ScoreCardSnapshotId { get; private set; }
    public Grade Grade { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public RatingStatus Status { get; private set; }
    public DateTime PublishedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }

    public void Revoke(string reason, DateTime now)
    {
        if (Status == RatingStatus.Revoked) throw new InvalidOperationException($"Rating {Id} is already revoked.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A revocation says why.", nameof(reason));
        (Status, RevokedAt, RevocationReason) = (RatingStatus.Revoked, now, reason);
    }

    /// <summary>
    /// Lowers a published rating (dynamic management, e.g. to D after a veto); the public reason and date are
    /// kept beside it as a <c>Supervision.RatingChange</c>, so the rating's history stays readable.
    /// </summary>
    public void Downgrade(Grade to, string reason)
    {
        if (Status == RatingStatus.Revoked) throw new InvalidOperationException($"Rating {Id} is revoked.");
        if (to <= Grade) throw new ArgumentException($"A downgrade goes below {Grade}.", nameof(to));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A downgrade says why.", nameof(reason));
        Grade = to;
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum Grade { A, B, C, D }

internal enum RatingStatus { Published, Revoked }
