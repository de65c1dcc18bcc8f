using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// The centre's workflow (issue 7, docs/decisions/0007): the application's concurrency token and on-site
/// review, persisted scoring runs, public-notice periods, who answered an objection, and the directory's index.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122070000_CentreWorkflow")]
internal sealed class CentreWorkflow : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // Existing rows share the empty token until their first change gives them a fresh one.
        m.AddColumn<Guid>("Version", "Applications", nullable: false, defaultValue: Guid.Empty);
        m.AddColumn<DateOnly>("OnSiteReviewOn", "Applications", nullable: true);
        m.AddColumn<string>("OnSiteReviewer", "Applications", maxLength: 64, nullable: true);
        m.AddColumn<string>("OnSiteFinding", "Applications", maxLength: 2000, nullable: true);
        m.AddColumn<string>("ResolvedBy", "Objections", maxLength: 64, nullable: true);
        m.CreateIndex("IX_Objections_Status", "Objections", "Status");
        m.CreateIndex("IX_Ratings_Status_Grade", "Ratings", ["Status", "Grade"]);

        m.CreateTable("ScoringRuns", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            Total = t.Column<int>(nullable: false),
            Done = t.Column<int>(nullable: false),
            Scored = t.Column<int>(nullable: false),
            Unchanged = t.Column<int>(nullable: false),
            Failed = t.Column<int>(nullable: false),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            Cursor = t.Column<Guid>(nullable: true),
            StartedBy = t.Column<string>(maxLength: 64, nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ScoringRuns", x => x.Id);
            t.ForeignKey("FK_ScoringRuns_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ScoringRuns_CampaignId", "ScoringRuns", "CampaignId");
        m.CreateIndex("IX_ScoringRuns_Status", "ScoringRuns", "Status");

        m.CreateTable("PublicNotices", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            From = t.Column<DateOnly>(nullable: false),
            To = t.Column<DateOnly>(nullable: false),
            Applications = t.Column<int>(nullable: false),
            OpenedBy = t.Column<string>(maxLength: 64, nullable: false),
            OpenedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PublicNotices", x => x.Id);
            t.ForeignKey("FK_PublicNotices_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_PublicNotices_CampaignId", "PublicNotices", "CampaignId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("PublicNotices");
        m.DropTable("ScoringRuns");
        m.DropIndex("IX_Ratings_Status_Grade", "Ratings");
        m.DropIndex("IX_Objections_Status", "Objections");
        m.DropColumn("ResolvedBy", "Objections");
        m.DropColumn("OnSiteFinding", "Applications");
        m.DropColumn("OnSiteReviewer", "Applications");
        m.DropColumn("OnSiteReviewOn", "Applications");
        m.DropColumn("Version", "Applications");
    }
}
