using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>An objection may carry evidence: the file names the objection it supports (issue 5).</summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122060000_ObjectionEvidence")]
internal sealed class ObjectionEvidence : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<Guid>("ObjectionId", "EvidenceFiles", nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("ObjectionId", "EvidenceFiles");
}
