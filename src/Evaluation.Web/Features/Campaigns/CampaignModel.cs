using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Campaigns;

internal sealed class CampaignModel : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CatalogueId).HasMaxLength(100);
        e.Property(x => x.CatalogueVersion).HasMaxLength(32);
        e.HasIndex(x => x.Year);
    }
}

internal sealed class ApplicationModel : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> e)
    {
        e.Property(x => x.ReturnReason).HasMaxLength(1000);
        e.Property(x => x.SmeModules).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.OnSiteReviewer).HasMaxLength(64);
        e.Property(x => x.OnSiteFinding).HasMaxLength(2000);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CampaignId, x.EnterpriseId }).IsUnique();
        e.HasIndex(x => x.Status);
    }
}
