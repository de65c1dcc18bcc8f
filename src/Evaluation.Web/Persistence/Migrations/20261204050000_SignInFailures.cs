using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Failed sign-ins per user name and client address (issue 15, item 5), replacing the per-account lockout that a
/// stranger could use to keep an officer out. The per-account lockout columns stay, unused, for a later clean-up.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204050000_SignInFailures")]
internal sealed class SignInFailures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("SignInFailures", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Key = t.Column<string>(maxLength: 64, nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SignInFailures", x => x.Id));
        m.CreateIndex("IX_SignInFailures_Key_At", "SignInFailures", ["Key", "At"]);
        m.CreateIndex("IX_SignInFailures_At", "SignInFailures", "At");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("SignInFailures");
}
