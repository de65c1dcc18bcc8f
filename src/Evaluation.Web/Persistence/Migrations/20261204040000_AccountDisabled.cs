using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>An administrator can disable an account (issue 15, item 3): it cannot sign in and its sessions end.</summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204040000_AccountDisabled")]
internal sealed class AccountDisabled : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<bool>("Disabled", "Accounts", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder m) => m.DropColumn("Disabled", "Accounts");
}
