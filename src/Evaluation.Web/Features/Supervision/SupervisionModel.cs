using Evaluation.Web.Features.Departments;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Supervision;

internal sealed class SupervisionEventModel : IEntityTypeConfiguration<SupervisionEvent>
{
    public void Configure(EntityTypeBuilder<SupervisionEvent> e)
    {
        e.ToTable("SupervisionEvents");
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.InputId).HasMaxLength(64);
        e.Property(x => x.Value).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.RecordedBy).HasMaxLength(64);
        e.Property(x => x.Vetoes).HasMaxLength(200);
        e.Ignore(x => x.FiredVetoes);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Fact>().WithMany().HasForeignKey(x => x.FactId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnterpriseId, x.OccurredOn });
    }
}

internal sealed class SupervisionClassModel : IEntityTypeConfiguration<SupervisionClass>
{
    public void Configure(EntityTypeBuilder<SupervisionClass> e)
    {
        e.ToTable("SupervisionClasses");
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.InputId).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.RecordedBy).HasMaxLength(64);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnterpriseId, x.DepartmentId, x.EffectiveOn });
    }
}

internal sealed class SupervisionCaseModel : IEntityTypeConfiguration<SupervisionCase>
{
    public void Configure(EntityTypeBuilder<SupervisionCase> e)
    {
        e.ToTable("SupervisionCases");
        e.Property(x => x.VetoId).HasMaxLength(16);
        e.Property(x => x.VetoName).HasMaxLength(200);
        e.Property(x => x.Decision).HasMaxLength(1000);
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Rating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SupervisionEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        // At most one open case per rating and veto, even when two events race (the recorder skips the loser).
        e.HasIndex(x => new { x.RatingId, x.VetoId }).IsUnique().HasFilter("\"Status\" = 'Open'")
            .HasDatabaseName("IX_SupervisionCases_RatingId_VetoId_Open");
        e.HasIndex(x => x.Status);
    }
}

internal sealed class RatingChangeModel : IEntityTypeConfiguration<RatingChange>
{
    public void Configure(EntityTypeBuilder<RatingChange> e)
    {
        e.ToTable("RatingChanges");
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasOne<Rating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SupervisionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
