using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>Department API tokens (stored hashed) and answered idempotency keys (docs/decisions/0002).</summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122040000_DepartmentApi")]
internal sealed class DepartmentApi : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("DepartmentTokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            IssuedBy = t.Column<string>(maxLength: 64, nullable: false),
            IssuedAt = t.Column<DateTime>(nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DepartmentTokens", x => x.Id);
            t.ForeignKey("FK_DepartmentTokens_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_DepartmentTokens_DepartmentId", "DepartmentTokens", "DepartmentId");
        m.CreateIndex("IX_DepartmentTokens_Hash", "DepartmentTokens", "Hash", unique: true);

        m.CreateTable("IdempotentRequests", t => new
        {
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            Key = t.Column<string>(maxLength: 100, nullable: false),
            RequestHash = t.Column<string>(maxLength: 64, nullable: false),
            Status = t.Column<int>(nullable: false),
            Response = t.Column<string>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_IdempotentRequests", x => new { x.DepartmentId, x.Key });
            t.ForeignKey("FK_IdempotentRequests_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id",
                onDelete: ReferentialAction.Restrict);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("IdempotentRequests");
        m.DropTable("DepartmentTokens");
    }
}
