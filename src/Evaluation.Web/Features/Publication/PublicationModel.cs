using Evaluation.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Publication;

internal sealed class RatingModel : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> e)
    {
        e.Property(x => x.RevocationReason).HasMaxLength(1000);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScoreCardSnapshot>().WithMany().HasForeignKey(x => x.ScoreCardSnapshotId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CampaignId, x.EnterpriseId }).IsUnique();
        e.HasIndex(x => x.EnterpriseId);
        // The directory filters published ratings by grade; enterprise filters use the Enterprises indexes.
        e.HasIndex(x => new { x.Status, x.Grade });
    }
}

internal sealed class ObjectionModel : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.Property(x => x.RaisedBy).HasMaxLength(64);
        e.Property(x => x.Text).HasMaxLength(4000);
        e.Property(x => x.Response).HasMaxLength(4000);
        e.Property(x => x.ResolvedBy).HasMaxLength(64);
        // Answered once: a second answer saved concurrently finds the status no longer Open and is refused.
        e.Property(x => x.Status).IsConcurrencyToken();
        e.HasIndex(x => x.Status);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicNoticeModel : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> e)
    {
        e.ToTable("PublicNotices");
        e.Property(x => x.OpenedBy).HasMaxLength(64);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CampaignId);
    }
}
