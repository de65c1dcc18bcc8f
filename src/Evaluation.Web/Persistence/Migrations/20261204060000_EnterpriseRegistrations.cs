using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Enterprise registrations wait for the centre's confirmation before the account is bound to the enterprise
/// (issue 15, item 6). Accounts registered before stay bound as they are.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204060000_EnterpriseRegistrations")]
internal sealed class EnterpriseRegistrations : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("EnterpriseRegistrations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AccountId = t.Column<Guid>(nullable: false),
            CreditCode = t.Column<string>(maxLength: 18, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            District = t.Column<string>(maxLength: 32, nullable: false),
            IndustryCode = t.Column<string>(maxLength: 5, nullable: false),
            SizeClass = t.Column<string>(maxLength: 32, nullable: false),
            Park = t.Column<string>(maxLength: 200, nullable: true),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            DecidedBy = t.Column<string>(maxLength: 64, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            RejectionReason = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EnterpriseRegistrations", x => x.Id);
            t.ForeignKey("FK_EnterpriseRegistrations_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_EnterpriseRegistrations_AccountId", "EnterpriseRegistrations", "AccountId");
        m.CreateIndex("IX_EnterpriseRegistrations_CreditCode", "EnterpriseRegistrations", "CreditCode");
        m.CreateIndex("IX_EnterpriseRegistrations_Status_SubmittedAt", "EnterpriseRegistrations", ["Status", "SubmittedAt"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("EnterpriseRegistrations");
}
