using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>The rating change feed, webhook subscriptions and their delivery log (docs/decisions/0027, 0002).</summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204070000_ChangeFeed")]
internal sealed class ChangeFeed : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("FeedChanges", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: true),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            RatingId = t.Column<Guid>(nullable: false),
            CreditCode = t.Column<string>(maxLength: 18, nullable: false),
            Enterprise = t.Column<string>(maxLength: 200, nullable: false),
            Year = t.Column<int>(nullable: false),
            Grade = t.Column<string>(maxLength: 32, nullable: true),
            PreviousGrade = t.Column<string>(maxLength: 32, nullable: true),
            ValidFrom = t.Column<DateOnly>(nullable: false),
            ValidTo = t.Column<DateOnly>(nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: true),
            OccurredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_FeedChanges", x => x.Id));
        m.CreateIndex("IX_FeedChanges_Sequence", "FeedChanges", "Sequence", unique: true);
        m.CreateIndex("IX_FeedChanges_RatingId", "FeedChanges", "RatingId");

        m.CreateTable("WebhookSubscriptions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: false),
            Url = t.Column<string>(maxLength: 500, nullable: false),
            Kinds = t.Column<string>(maxLength: 200, nullable: false),
            ProtectedSecret = t.Column<string>(maxLength: 1000, nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            RequestedBy = t.Column<string>(maxLength: 64, nullable: false),
            RequestedAt = t.Column<DateTime>(nullable: false),
            DecidedBy = t.Column<string>(maxLength: 64, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DeliveredThrough = t.Column<long>(nullable: false),
            Failures = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 500, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
            t.ForeignKey("FK_WebhookSubscriptions_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_WebhookSubscriptions_DepartmentId", "WebhookSubscriptions", "DepartmentId");

        m.CreateTable("WebhookDeliveries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            SubscriptionId = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Attempt = t.Column<int>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            DurationMs = t.Column<int>(nullable: false),
            StatusCode = t.Column<int>(nullable: true),
            Error = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
            t.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_WebhookDeliveries_SubscriptionId_At", "WebhookDeliveries", ["SubscriptionId", "At"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WebhookDeliveries");
        m.DropTable("WebhookSubscriptions");
        m.DropTable("FeedChanges");
    }
}
