using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Accounts;

internal sealed class AccountModel : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.NormalizedUserName).HasMaxLength(64);
        e.Property(x => x.DisplayName).HasMaxLength(100);
        e.Property(x => x.SecurityStamp).HasMaxLength(64);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.HasIndex(x => x.NormalizedUserName).IsUnique();
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
