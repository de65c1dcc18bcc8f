using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Scoring;

internal sealed class ScoreCardSnapshotModel : IEntityTypeConfiguration<ScoreCardSnapshot>
{
    public void Configure(EntityTypeBuilder<ScoreCardSnapshot> e)
    {
        e.Property(x => x.CatalogueId).HasMaxLength(100);
        e.Property(x => x.CatalogueVersion).HasMaxLength(32);
        e.Property(x => x.FactsHash).HasMaxLength(64);
        e.Property(x => x.Grade).HasMaxLength(8);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScoringRunModel : IEntityTypeConfiguration<ScoringRun>
{
    public void Configure(EntityTypeBuilder<ScoringRun> e)
    {
        e.Ignore(x => x.Percent);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.StartedBy).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CampaignId);
        e.HasIndex(x => x.Status);
    }
}
