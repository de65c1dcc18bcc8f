using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Audit;

internal sealed class AuditEntryModel : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.Actor).HasMaxLength(64);
        e.Property(x => x.EntityType).HasMaxLength(64);
        e.Property(x => x.EntityId).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasIndex(x => new { x.EntityType, x.EntityId });
        e.HasIndex(x => x.At);
    }
}
