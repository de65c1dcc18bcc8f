using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Measures;

/// <summary>
/// A joint incentive or sanction that applied to an enterprise (联合奖惩措施): which measure, for which department,
/// from which rule, its period, and why (the facts that matched, in both languages). Kept current by
/// <see cref="MeasureKeeper"/>: a measure the rules no longer give is ended (<see cref="EndedAt"/>), never deleted,
/// so the audit log shows each start and end.
/// </summary>
internal sealed class MeasureRecord : IAudited, IEnterpriseRecord, IDepartmentRecord
{
    private MeasureRecord() { }

    public MeasureRecord(Guid id, Guid enterpriseId, MeasureFiring firing, DateTime now)
    {
        (Id, EnterpriseId, MeasureId, Kind, DepartmentId, Rule) = (id, enterpriseId, firing.Measure.Id, firing.Measure.Kind, firing.DepartmentId, firing.Rule);
        (StartsOn, EndsOn, StartedAt) = (firing.StartsOn, firing.EndsOn, now);
        WhyZh = Truncate(string.Join("；", firing.Because.Select(f => f.Zh)));
        WhyEn = Truncate(string.Join("; ", firing.Because.Select(f => f.En)));
    }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }

    /// <summary>The measure's id in <see cref="JointMeasures"/>.</summary>
    public string MeasureId { get; private set; } = "";
    public MeasureKind Kind { get; private set; }
    public string DepartmentId { get; private set; } = "";

    /// <summary>The rule that gave it (its NRules name).</summary>
    public string Rule { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public string WhyZh { get; private set; } = "";
    public string WhyEn { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    public bool Active => EndedAt is null;

    public JointMeasure? Measure => JointMeasures.Find(MeasureId);

    public (string, string, string, DateOnly) Key => (MeasureId, DepartmentId, Rule, StartsOn);

    public void End(string reason, DateTime now)
    {
        if (EndedAt is not null) throw new InvalidOperationException($"Measure {Id} has ended already.");
        (EndedAt, EndReason) = (now, reason.Length > 200 ? reason[..200] : reason);
    }

    string? IDepartmentRecord.DepartmentId => DepartmentId;

    string IAudited.AuditKey => Id.ToString();

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}

internal sealed class MeasureRecordModel : IEntityTypeConfiguration<MeasureRecord>
{
    public void Configure(EntityTypeBuilder<MeasureRecord> e)
    {
        e.ToTable("Measures");
        e.Property(x => x.MeasureId).HasMaxLength(64);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.Rule).HasMaxLength(64);
        e.Property(x => x.WhyZh).HasMaxLength(2000);
        e.Property(x => x.WhyEn).HasMaxLength(2000);
        e.Property(x => x.EndReason).HasMaxLength(200);
        e.Ignore(x => x.Active);
        e.Ignore(x => x.Measure);
        e.Ignore(x => x.Key);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnterpriseId, x.EndedAt });
        e.HasIndex(x => new { x.DepartmentId, x.EndedAt });
    }
}
