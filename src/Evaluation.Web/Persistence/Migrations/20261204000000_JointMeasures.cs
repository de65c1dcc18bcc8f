using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Joint incentives and sanctions (issue 19 part 2, ADR 0019): the measures the rule set gave an enterprise, each with
/// its department, rule, period and why; ended, never deleted. And the vetoes each supervision event fired.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204000000_JointMeasures")]
internal sealed class JointMeasures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Measures", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            MeasureId = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            Rule = t.Column<string>(maxLength: 64, nullable: false),
            StartsOn = t.Column<DateOnly>(nullable: false),
            EndsOn = t.Column<DateOnly>(nullable: true),
            WhyZh = t.Column<string>(maxLength: 2000, nullable: false),
            WhyEn = t.Column<string>(maxLength: 2000, nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            EndedAt = t.Column<DateTime>(nullable: true),
            EndReason = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Measures", x => x.Id);
            t.ForeignKey("FK_Measures_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Measures_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Measures_EnterpriseId_EndedAt", "Measures", ["EnterpriseId", "EndedAt"]);
        m.CreateIndex("IX_Measures_DepartmentId_EndedAt", "Measures", ["DepartmentId", "EndedAt"]);
        // The vetoes an event fired: the rules' dated veto events (events recorded before keep none).
        m.AddColumn<string>("Vetoes", "SupervisionEvents", maxLength: 200, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("Vetoes", "SupervisionEvents");
        m.DropTable("Measures");
    }
}
