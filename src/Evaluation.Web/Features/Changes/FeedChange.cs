using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// What happened to a published result that departments are told of (成果共享): a rating's publication, expiry,
/// revocation or downgrade, and the start, end or expiry of a joint incentive or sanction (联合奖惩措施) that follows
/// from it. A subscriber names the kinds it wants, so a kind added later reaches no one unasked.
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

    /// <summary>A joint incentive or sanction began to apply to an enterprise (措施开始).</summary>
    MeasureStarted,

    /// <summary>A measure stopped applying before its end date: the rules no longer give it (a revocation, a new class …) (措施终止).</summary>
    MeasureEnded,

    /// <summary>A measure's period ended (措施到期).</summary>
    MeasureExpired,
}

/// <summary>
/// One entry of the change feed: recorded in the same save as the rating change it describes (an outbox row),
/// numbered afterwards, in commit order and without gaps, by <see cref="ChangeDispatcher"/>. Only numbered entries
/// are read or delivered, so a reader that has seen sequence n has seen every change before it
/// (docs/decisions/0027-rating-change-delivery.md). A rating change fills the rating's fields, a measure change the
/// measure's; <see cref="Once"/> makes a change that must be recorded once (an expiry, a measure's start or end)
/// unique, so two instances finding it at the same moment record it once (docs/decisions/0029-measures-in-the-feed.md).
/// </summary>
internal sealed class FeedChange
{
    private FeedChange() { }

    public FeedChange(Guid id, ChangeKind kind, Guid ratingId, string creditCode, string enterprise, int year, Grade? grade,
        Grade? previousGrade, DateOnly validFrom, DateOnly validTo, string? reason, DateTime occurredAt, string? once = null)
    {
        (Id, Kind, RatingId, CreditCode, Enterprise, Year) = (id, kind, ratingId, creditCode, enterprise, year);
        (Grade, PreviousGrade, ValidFrom, ValidTo, Reason, OccurredAt, Once) = (grade, previousGrade, validFrom, validTo, reason, occurredAt, once);
    }

    /// <summary>A measure's start, end or expiry: recorded once per measure record and event.</summary>
    public static FeedChange OfMeasure(ChangeKind kind, MeasureRecord record, string creditCode, string enterprise, string? reason, DateTime occurredAt)
    {
        if (kind is not (ChangeKind.MeasureStarted or ChangeKind.MeasureEnded or ChangeKind.MeasureExpired))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a measure change");
        return new FeedChange
        {
            Id = Guid.CreateVersion7(), Kind = kind, CreditCode = creditCode, Enterprise = enterprise, Reason = reason, OccurredAt = occurredAt,
            MeasureRecordId = record.Id, MeasureId = record.MeasureId, MeasureKind = record.Kind, DepartmentId = record.DepartmentId,
            StartsOn = record.StartsOn, EndsOn = record.EndsOn,
            Once = (kind == ChangeKind.MeasureStarted ? "measure-started:" : "measure-ended:") + record.Id.ToString("D"),
        };
    }

    /// <summary>
    /// What a department reads and is sent: every rating change (ratings are public), and the changes of the measures it
    /// carries out — as GET /api/v1/enterprises/{code}/measures shows it only those. Another department's measure is
    /// not its business; its entries are numbers this department never sees (the cursor skips them, misses nothing).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<FeedChange, bool>> VisibleTo(string departmentId) =>
        f => f.MeasureId == null || f.DepartmentId == departmentId;

    public bool IsVisibleTo(string departmentId) => MeasureId is null || DepartmentId == departmentId;

    /// <summary>The <see cref="Once"/> key of a rating's expiry.</summary>
    public static string ExpiryOf(Guid ratingId) => "expired:" + ratingId.ToString("D");

    public Guid Id { get; private set; }

    /// <summary>The feed position, 1, 2, 3 …; null until numbered.</summary>
    public long? Sequence { get; private set; }
    public ChangeKind Kind { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Enterprise { get; private set; } = "";
    public string? Reason { get; private set; }
    public DateTime OccurredAt { get; private set; }

    /// <summary>Unique when set: what makes this change one of a kind ("expired:{rating}", "measure-ended:{record}").</summary>
    public string? Once { get; private set; }

    // A rating's change.
    public Guid? RatingId { get; private set; }
    public int? Year { get; private set; }
    public Grade? Grade { get; private set; }
    public Grade? PreviousGrade { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    // A measure's change.
    public Guid? MeasureRecordId { get; private set; }

    /// <summary>The measure's id in <see cref="JointMeasures"/>.</summary>
    public string? MeasureId { get; private set; }
    public MeasureKind? MeasureKind { get; private set; }
    public string? DepartmentId { get; private set; }
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }

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
        e.Property(x => x.Once).HasMaxLength(64);
        e.Property(x => x.MeasureId).HasMaxLength(64);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        // Numbering updates only an entry still unnumbered: two instances numbering the same entry cannot both succeed
        // (the second's UPDATE … WHERE "Sequence" IS NULL finds no row and is refused), so a number, once read, never changes.
        e.Property(x => x.Sequence).IsConcurrencyToken();
        e.HasIndex(x => x.Sequence).IsUnique();
        e.HasIndex(x => x.Once).IsUnique();
        e.HasIndex(x => x.RatingId);
    }
}
