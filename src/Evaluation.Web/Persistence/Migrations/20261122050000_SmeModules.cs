using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>The modules a small enterprise aims for in its application (issue 5, small-enterprise track).</summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122050000_SmeModules")]
internal sealed class SmeModules : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<string>("SmeModules", "Applications", maxLength: 200, nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("SmeModules", "Applications");
}
