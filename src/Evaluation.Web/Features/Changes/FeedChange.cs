using Evaluation.Web.Features.Publication;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// What happened to a published result that departments are told of (成果共享). Measures (the NRules joint
/// rewards and penalties) are to join as their own kinds here, with their own nullable fields on
/// <see cref="FeedChange"/>; a subscriber names the kinds it wants, so a new kind reaches no one unasked.
/// </summary>
internal enum ChangeKind
{
    /// <summary>A rating was published (发布).</summary>
    Published,

    /// <summary>A rating's validity ended (到期).</summary>
    Expired,

    /// <summary>A rating was revoked (撤销).</summary>
    Revoked,

    /// <summary>A rating was lowered (降级).</summary>
    Downgraded,
}

/// <summary>
/// One entry of the change feed: recorded in the same save as the rating change it describes (an outbox row),
/// numbered afterwards, in commit order and without gaps, by <see cref="ChangeDispatcher"/>. Only numbered entries
/// are read or delivered, so a reader that has seen sequence n has seen every change before it
/// (docs/decisions/0027-rating-change-delivery.md).
/// </summary>
internal sealed class FeedChange
{
    private FeedChange() { }

    public FeedChange(Guid id, ChangeKind kind, Guid ratingId, string creditCode, string enterprise, int year, Grade? grade,
        Grade? previousGrade, DateOnly validFrom, DateOnly validTo, string? reason, DateTime occurredAt)
    {
        (Id, Kind, RatingId, CreditCode, Enterprise, Year) = (id, kind, ratingId, creditCode, enterprise, year);
        (Grade, PreviousGrade, ValidFrom, ValidTo, Reason, OccurredAt) = (grade, previousGrade, validFrom, validTo, reason, occurredAt);
    }

    public Guid Id { get; private set; }

    /// <summary>The feed position, 1, 2, 3 …; null until numbered.</summary>
    public long? Sequence { get; private set; }
    public ChangeKind Kind { get; private set; }
    public Guid RatingId { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Enterprise { get; private set; } = "";
    public int Year { get; private set; }
    public Grade? Grade { get; private set; }
    public Grade? PreviousGrade { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public string? Reason { get; private set; }
    public DateTime OccurredAt { get; private set; }

    public void Number(long sequence) => Sequence ??= sequence;
}

internal sealed class FeedChangeModel : IEntityTypeConfiguration<FeedChange>
{
    public void Configure(EntityTypeBuilder<FeedChange> e)
    {
        e.ToTable("FeedChanges");
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Enterprise).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasIndex(x => x.Sequence).IsUnique();
        e.HasIndex(x => x.RatingId);
    }
}
