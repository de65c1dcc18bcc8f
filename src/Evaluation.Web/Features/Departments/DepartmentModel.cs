using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Departments;

internal sealed class DepartmentModel : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.Property(x => x.Id).HasMaxLength(16);
        e.Property(x => x.NameZh).HasMaxLength(50);
        e.Property(x => x.NameEn).HasMaxLength(100);
    }
}
