using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// The key ring moves to the framework's EF Core store (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore),
/// whose entity has a database-generated integer key and nullable text columns. The table is rebuilt under the
/// same name and every key is copied across with its XML unchanged, so cookies and antiforgery tokens issued
/// before the upgrade stay valid. Down copies them back.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204030000_FrameworkDataProtectionKeys")]
internal sealed class FrameworkDataProtectionKeys : Migration
{
    private const string Before = "DataProtectionKeysBefore";

    protected override void Up(MigrationBuilder m)
    {
        SetAside(m);
        m.CreateTable("DataProtectionKeys", t => new
        {
            // The one database-generated key in the schema (docs/decisions/0002): the framework's entity wants it.
            Id = t.Column<int>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
        m.Sql($"INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") SELECT \"FriendlyName\", \"Xml\" FROM \"{Before}\";");
        m.DropTable(Before);
    }

    protected override void Down(MigrationBuilder m)
    {
        SetAside(m);
        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
        // Application-generated Guid keys in the old table; a friendly name longer than 200 characters never occurs
        // (the framework names keys "key-{guid}").
        var newId = m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";
        m.Sql($"INSERT INTO \"DataProtectionKeys\" (\"Id\", \"FriendlyName\", \"Xml\") SELECT {newId}, \"FriendlyName\", \"Xml\" FROM \"{Before}\" WHERE \"Xml\" IS NOT NULL;");
        m.DropTable(Before);
    }

    /// <summary>Renames the table out of the way; PostgreSQL's primary-key constraint is renamed with it, its name being taken next.</summary>
    private static void SetAside(MigrationBuilder m)
    {
        m.RenameTable("DataProtectionKeys", newName: Before);
        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            m.Sql($"ALTER TABLE \"{Before}\" RENAME CONSTRAINT \"PK_DataProtectionKeys\" TO \"PK_{Before}\";");
    }
}
