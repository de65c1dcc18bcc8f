using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Audit;

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

    string IAudited.AuditKey => Id.ToString();
}

internal enum Grade { A, B, C, D }

internal enum RatingStatus { Published, Revoked }
