using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// An on-site review records whether it passed: a small enterprise's ★★★ and above need one that did. Reviews
/// recorded before keep no outcome (null) and count as not passed until the reviewer records it.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122120000_OnSiteReviewOutcome")]
internal sealed class OnSiteReviewOutcome : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<bool>("OnSiteReviewPassed", "Applications", nullable: true);

    protected override void Down(MigrationBuilder m) =>
        m.DropColumn("OnSiteReviewPassed", "Applications");
}
