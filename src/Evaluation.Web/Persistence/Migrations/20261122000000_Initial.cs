using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// The initial schema, written by hand (docs/decisions/0002). Column types are left to the provider's
/// type mapping for each CLR type, so this one migration builds the same model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122000000_Initial")]
internal sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        CreateReferenceTables(m);
        CreateEnterprisesAndUsers(m);
        CreateCampaigns(m);
        CreateFacts(m);
        CreateResults(m);
        CreateAuditLog(m);
        SeedDepartments(m);
    }

    private static void CreateReferenceTables(MigrationBuilder m)
    {
        m.CreateTable("Departments", t => new
        {
            Id = t.Column<string>(maxLength: 16, nullable: false),
            NameZh = t.Column<string>(maxLength: 50, nullable: false),
            NameEn = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Departments", x => x.Id));

        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    private static void CreateEnterprisesAndUsers(MigrationBuilder m)
    {
        m.CreateTable("Enterprises", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CreditCode = t.Column<string>(maxLength: 18, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            District = t.Column<string>(maxLength: 32, nullable: false),
            IndustryCode = t.Column<string>(maxLength: 5, nullable: false),
            SizeClass = t.Column<string>(maxLength: 32, nullable: false),
            Park = t.Column<string>(maxLength: 200, nullable: true),
            RegisteredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Enterprises", x => x.Id));
        m.CreateIndex("IX_Enterprises_CreditCode", "Enterprises", "CreditCode", unique: true);
        m.CreateIndex("IX_Enterprises_District", "Enterprises", "District");
        m.CreateIndex("IX_Enterprises_IndustryCode", "Enterprises", "IndustryCode");

        m.CreateTable("Accounts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserName = t.Column<string>(maxLength: 64, nullable: false),
            NormalizedUserName = t.Column<string>(maxLength: 64, nullable: false),
            DisplayName = t.Column<string>(maxLength: 100, nullable: false),
            Role = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: true),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: true),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(maxLength: 64, nullable: false),
            LockoutEnabled = t.Column<bool>(nullable: false),
            LockoutEndUtc = t.Column<DateTime>(nullable: true),
            AccessFailedCount = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Accounts", x => x.Id);
            t.ForeignKey("FK_Accounts_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Accounts_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Accounts_NormalizedUserName", "Accounts", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_Accounts_EnterpriseId", "Accounts", "EnterpriseId");
        m.CreateIndex("IX_Accounts_DepartmentId", "Accounts", "DepartmentId");
    }

    private static void CreateCampaigns(MigrationBuilder m)
    {
        m.CreateTable("Campaigns", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Level = t.Column<string>(maxLength: 32, nullable: false),
            District = t.Column<string>(maxLength: 32, nullable: true),
            CatalogueId = t.Column<string>(maxLength: 100, nullable: false),
            CatalogueVersion = t.Column<string>(maxLength: 32, nullable: false),
            ParameterOverridesJson = t.Column<string>(nullable: false),
            SelfAssessmentFrom = t.Column<DateOnly>(nullable: false),
            DepartmentDataFrom = t.Column<DateOnly>(nullable: false),
            ReviewFrom = t.Column<DateOnly>(nullable: false),
            PublicNoticeFrom = t.Column<DateOnly>(nullable: false),
            PublishOn = t.Column<DateOnly>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Campaigns", x => x.Id));
        m.CreateIndex("IX_Campaigns_Year", "Campaigns", "Year");

        m.CreateTable("Applications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            Track = t.Column<string>(maxLength: 32, nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            ReturnReason = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Applications", x => x.Id);
            t.ForeignKey("FK_Applications_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Applications_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Applications_CampaignId_EnterpriseId", "Applications", ["CampaignId", "EnterpriseId"], unique: true);
        m.CreateIndex("IX_Applications_EnterpriseId", "Applications", "EnterpriseId");
        m.CreateIndex("IX_Applications_Status", "Applications", "Status");
    }

    private static void CreateFacts(MigrationBuilder m)
    {
        m.CreateTable("Facts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            InputId = t.Column<string>(maxLength: 64, nullable: false),
            ValueText = t.Column<string>(maxLength: 2000, nullable: false),
            ValueNumber = t.Column<decimal>(nullable: true),
            ValueBoolean = t.Column<bool>(nullable: true),
            ValueDate = t.Column<DateOnly>(nullable: true),
            Origin = t.Column<string>(maxLength: 32, nullable: false),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: true),
            SuppliedByUserId = t.Column<Guid>(nullable: true),
            SuppliedBy = t.Column<string>(maxLength: 64, nullable: false),
            SuppliedAt = t.Column<DateTime>(nullable: false),
            Verification = t.Column<string>(maxLength: 32, nullable: false),
            VerificationNote = t.Column<string>(maxLength: 1000, nullable: true),
            SupersededById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Facts", x => x.Id);
            t.ForeignKey("FK_Facts_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Facts_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Facts_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Facts_Facts_SupersededById", x => x.SupersededById, "Facts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Facts_CampaignId_EnterpriseId_InputId", "Facts", ["CampaignId", "EnterpriseId", "InputId"]);
        m.CreateIndex("IX_Facts_EnterpriseId", "Facts", "EnterpriseId");
        m.CreateIndex("IX_Facts_DepartmentId", "Facts", "DepartmentId");
        m.CreateIndex("IX_Facts_SupersededById", "Facts", "SupersededById");

        m.CreateTable("EvidenceFiles", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<string>(maxLength: 64, nullable: false),
            FileName = t.Column<string>(maxLength: 255, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Size = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Content = t.Column<byte[]>(nullable: true),
            StoragePath = t.Column<string>(maxLength: 500, nullable: true),
            UploadedByUserId = t.Column<Guid>(nullable: false),
            UploadedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvidenceFiles", x => x.Id);
            t.ForeignKey("FK_EvidenceFiles_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_EvidenceFiles_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_EvidenceFiles_CampaignId_EnterpriseId_IndicatorId", "EvidenceFiles", ["CampaignId", "EnterpriseId", "IndicatorId"]);
        m.CreateIndex("IX_EvidenceFiles_EnterpriseId", "EvidenceFiles", "EnterpriseId");
    }

    private static void CreateResults(MigrationBuilder m)
    {
        m.CreateTable("ScoreCardSnapshots", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ApplicationId = t.Column<Guid>(nullable: false),
            CatalogueId = t.Column<string>(maxLength: 100, nullable: false),
            CatalogueVersion = t.Column<string>(maxLength: 32, nullable: false),
            FactsHash = t.Column<string>(maxLength: 64, nullable: false),
            ScoreCardJson = t.Column<string>(nullable: false),
            Total = t.Column<decimal>(nullable: false),
            Grade = t.Column<string>(maxLength: 8, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ScoreCardSnapshots", x => x.Id);
            t.ForeignKey("FK_ScoreCardSnapshots_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ScoreCardSnapshots_ApplicationId", "ScoreCardSnapshots", "ApplicationId");

        m.CreateTable("Ratings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EnterpriseId = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            ScoreCardSnapshotId = t.Column<Guid>(nullable: true),
            Grade = t.Column<string>(maxLength: 32, nullable: false),
            ValidFrom = t.Column<DateOnly>(nullable: false),
            ValidTo = t.Column<DateOnly>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            PublishedAt = t.Column<DateTime>(nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
            RevocationReason = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Ratings", x => x.Id);
            t.ForeignKey("FK_Ratings_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Ratings_Campaigns_CampaignId", x => x.CampaignId, "Campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Ratings_ScoreCardSnapshots_ScoreCardSnapshotId", x => x.ScoreCardSnapshotId, "ScoreCardSnapshots", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Ratings_CampaignId_EnterpriseId", "Ratings", ["CampaignId", "EnterpriseId"], unique: true);
        m.CreateIndex("IX_Ratings_EnterpriseId", "Ratings", "EnterpriseId");
        m.CreateIndex("IX_Ratings_ScoreCardSnapshotId", "Ratings", "ScoreCardSnapshotId");

        m.CreateTable("Objections", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ApplicationId = t.Column<Guid>(nullable: false),
            RaisedBy = t.Column<string>(maxLength: 64, nullable: false),
            RaisedByUserId = t.Column<Guid>(nullable: true),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            RaisedAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            Response = t.Column<string>(maxLength: 4000, nullable: true),
            ResolvedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Objections", x => x.Id);
            t.ForeignKey("FK_Objections_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Objections_ApplicationId", "Objections", "ApplicationId");
    }

    private static void CreateAuditLog(MigrationBuilder m)
    {
        m.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Actor = t.Column<string>(maxLength: 64, nullable: false),
            ActorUserId = t.Column<Guid>(nullable: true),
            EntityType = t.Column<string>(maxLength: 64, nullable: false),
            EntityId = t.Column<string>(maxLength: 64, nullable: false),
            Action = t.Column<string>(maxLength: 16, nullable: false),
            Changes = t.Column<string>(nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        m.CreateIndex("IX_AuditEntries_EntityType_EntityId", "AuditEntries", ["EntityType", "EntityId"]);
        m.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        AuditLogGuard.Create(m);
    }

    private static void SeedDepartments(MigrationBuilder m)
    {
        // Plain SQL rather than InsertData: without a target model InsertData needs provider column types.
        foreach (var d in MemberDepartments.All)
            m.Sql($"INSERT INTO \"Departments\" (\"Id\", \"NameZh\", \"NameEn\") VALUES ({Quote(d.Id)}, {Quote(d.NameZh)}, {Quote(d.NameEn)});");
    }

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    protected override void Down(MigrationBuilder m)
    {
        AuditLogGuard.Drop(m);
        foreach (var table in new[] { "AuditEntries", "Objections", "Ratings", "ScoreCardSnapshots", "EvidenceFiles",
                     "Facts", "Applications", "Campaigns", "Accounts", "Enterprises", "DataProtectionKeys", "Departments" })
            m.DropTable(table);
    }
}
