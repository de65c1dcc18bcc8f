using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Dynamic management (issue 6 item 5, issue 7 item 6): departments' supervision events and classes, the
/// centre's cases, published rating changes, and small enterprises' levels (docs/decisions/0010).
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122090000_Supervision")]
internal sealed class Supervision : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("SupervisionEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            InputId = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(maxLength: 64, nullable: false),
            OccurredOn = t.Column<DateOnly>(nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            CampaignId = t.Column<Guid>(nullable: true),
            FactId = t.Column<Guid>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 64, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionEvents", x => x.Id);
            t.ForeignKey("FK_SupervisionEvents_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionEvents_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionEvents_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionEvents_Facts_FactId", x => x.FactId, "Facts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_SupervisionEvents_EnterpriseId_OccurredOn", "SupervisionEvents", ["EnterpriseId", "OccurredOn"]);
        m.CreateIndex("IX_SupervisionEvents_DepartmentId", "SupervisionEvents", "DepartmentId");
        m.CreateIndex("IX_SupervisionEvents_CampaignId", "SupervisionEvents", "CampaignId");
        m.CreateIndex("IX_SupervisionEvents_FactId", "SupervisionEvents", "FactId");

        m.CreateTable("SupervisionClasses", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            Class = t.Column<string>(maxLength: 32, nullable: false),
            EffectiveOn = t.Column<DateOnly>(nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            InputId = t.Column<string>(maxLength: 64, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 64, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionClasses", x => x.Id);
            t.ForeignKey("FK_SupervisionClasses_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionClasses_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_SupervisionClasses_EnterpriseId_DepartmentId_EffectiveOn", "SupervisionClasses", ["EnterpriseId", "DepartmentId", "EffectiveOn"]);
        m.CreateIndex("IX_SupervisionClasses_DepartmentId", "SupervisionClasses", "DepartmentId");

        m.CreateTable("SupervisionCases", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            RatingId = t.Column<Guid>(nullable: false),
            EventId = t.Column<Guid>(nullable: false),
            VetoId = t.Column<string>(maxLength: 16, nullable: false),
            VetoName = t.Column<string>(maxLength: 200, nullable: false),
            OpenedAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            DowngradedTo = t.Column<string>(maxLength: 32, nullable: true),
            Decision = t.Column<string>(maxLength: 1000, nullable: true),
            DecidedBy = t.Column<string>(maxLength: 64, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionCases", x => x.Id);
            t.ForeignKey("FK_SupervisionCases_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionCases_Ratings_RatingId", x => x.RatingId, "Ratings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SupervisionCases_SupervisionEvents_EventId", x => x.EventId, "SupervisionEvents", "Id", onDelete: ReferentialAction.Restrict);
        });
        // The same filter text on SQLite and PostgreSQL (quoted identifier, enum stored as its name).
        m.CreateIndex("IX_SupervisionCases_RatingId_VetoId_Open", "SupervisionCases", ["RatingId", "VetoId"], unique: true,
            filter: "\"Status\" = 'Open'");
        m.CreateIndex("IX_SupervisionCases_Status", "SupervisionCases", "Status");
        m.CreateIndex("IX_SupervisionCases_EnterpriseId", "SupervisionCases", "EnterpriseId");
        m.CreateIndex("IX_SupervisionCases_EventId", "SupervisionCases", "EventId");

        m.CreateTable("RatingChanges", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RatingId = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            FromGrade = t.Column<string>(maxLength: 32, nullable: false),
            ToGrade = t.Column<string>(maxLength: 32, nullable: true),
            Reason = t.Column<string>(maxLength: 1000, nullable: false),
            At = t.Column<DateTime>(nullable: false),
            CaseId = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RatingChanges", x => x.Id);
            t.ForeignKey("FK_RatingChanges_Ratings_RatingId", x => x.RatingId, "Ratings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_RatingChanges_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_RatingChanges_SupervisionCases_CaseId", x => x.CaseId, "SupervisionCases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_RatingChanges_RatingId", "RatingChanges", "RatingId");
        m.CreateIndex("IX_RatingChanges_EnterpriseId", "RatingChanges", "EnterpriseId");
        m.CreateIndex("IX_RatingChanges_CaseId", "RatingChanges", "CaseId");

        m.CreateTable("SmeStandings", t => new
        {
            EnterpriseId = t.Column<Guid>(nullable: false),
            Level = t.Column<string>(maxLength: 32, nullable: true),
            Since = t.Column<DateOnly>(nullable: true),
            ValidUntil = t.Column<DateOnly>(nullable: true),
            BannedUntil = t.Column<DateOnly>(nullable: true),
            LastReason = t.Column<string>(maxLength: 32, nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SmeStandings", x => x.EnterpriseId);
            t.ForeignKey("FK_SmeStandings_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "SmeStandings", "RatingChanges", "SupervisionCases", "SupervisionClasses", "SupervisionEvents" })
            m.DropTable(table);
    }
}
