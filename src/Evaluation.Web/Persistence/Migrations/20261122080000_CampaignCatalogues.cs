using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Uploaded catalogue versions (docs/decisions/0008) and the basis (依据) of each campaign parameter
/// override (issue 7).
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261122080000_CampaignCatalogues")]
internal sealed class CampaignCatalogues : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("ParameterBasisJson", "Campaigns", nullable: false, defaultValue: "{}");

        m.CreateTable("CatalogueVersions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CatalogueId = t.Column<string>(maxLength: 100, nullable: false),
            Version = t.Column<string>(maxLength: 32, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Archive = t.Column<byte[]>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Files = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 260, nullable: false),
            UploadedBy = t.Column<string>(maxLength: 64, nullable: false),
            UploadedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CatalogueVersions", x => x.Id));
        m.CreateIndex("IX_CatalogueVersions_CatalogueId_Version", "CatalogueVersions", ["CatalogueId", "Version"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CatalogueVersions");
        m.DropColumn("ParameterBasisJson", "Campaigns");
    }
}
