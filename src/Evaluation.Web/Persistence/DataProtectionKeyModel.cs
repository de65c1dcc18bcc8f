using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Persistence;

internal sealed class DataProtectionKeyModel : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e) => e.Property(x => x.FriendlyName).HasMaxLength(200);
}
