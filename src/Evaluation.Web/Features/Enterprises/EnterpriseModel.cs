using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Enterprises;

internal sealed class EnterpriseModel : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.IndustryCode).HasMaxLength(5);
        e.Property(x => x.Park).HasMaxLength(200);
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.HasIndex(x => x.District);
        e.HasIndex(x => x.IndustryCode);
    }
}
