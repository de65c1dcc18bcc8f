using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Facts;

internal sealed class FactModel : IEntityTypeConfiguration<Fact>
{
    public void Configure(EntityTypeBuilder<Fact> e)
    {
        e.Ignore(x => x.IsCurrent);
        e.Property(x => x.InputId).HasMaxLength(64);
        e.Property(x => x.ValueText).HasMaxLength(2000);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.SuppliedBy).HasMaxLength(64);
        e.Property(x => x.VerificationNote).HasMaxLength(1000);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Fact>().WithMany().HasForeignKey(x => x.SupersededById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CampaignId, x.EnterpriseId, x.InputId });
    }
}

internal sealed class EvidenceFileModel : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.Property(x => x.IndicatorId).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StoragePath).HasMaxLength(500);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CampaignId, x.EnterpriseId, x.IndicatorId });
    }
}
