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

    // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): EF's SQLite generator refuses DropColumn in a migration
    // without a target model, and the key-ring test migrates down through this one.
    protected override void Down(MigrationBuilder m) => m.Sql("ALTER TABLE \"Accounts\" DROP COLUMN \"Disabled\"");
}
