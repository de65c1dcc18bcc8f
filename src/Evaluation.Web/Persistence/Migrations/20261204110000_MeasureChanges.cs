using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Measures join the change feed (docs/decisions/0029-measures-in-the-feed.md): the rating's columns become nullable,
/// the measure's are added, and <c>Once</c> (unique) makes an expiry or a measure's start or end one entry however many
/// instances find it. SQLite cannot drop NOT NULL in place, so the table is rebuilt under the same name on both
/// providers and every entry copied across with its sequence; an expiry already recorded twice (the race this closes)
/// keeps its key on the first entry only.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204110000_MeasureChanges")]
internal sealed class MeasureChanges : Migration
{
    private const string Before = "FeedChangesBefore";
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private const string RatingColumns =
        "\"Id\", \"Sequence\", \"Kind\", \"RatingId\", \"CreditCode\", \"Enterprise\", \"Year\", \"Grade\", \"PreviousGrade\", \"ValidFrom\", \"ValidTo\", \"Reason\", \"OccurredAt\"";

    protected override void Up(MigrationBuilder m)
    {
        SetAside(m);
        m.CreateTable("FeedChanges", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: true),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            CreditCode = t.Column<string>(maxLength: 18, nullable: false),
            Enterprise = t.Column<string>(maxLength: 200, nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: true),
            OccurredAt = t.Column<DateTime>(nullable: false),
            Once = t.Column<string>(maxLength: 64, nullable: true),
            RatingId = t.Column<Guid>(nullable: true),
            Year = t.Column<int>(nullable: true),
            Grade = t.Column<string>(maxLength: 32, nullable: true),
            PreviousGrade = t.Column<string>(maxLength: 32, nullable: true),
            ValidFrom = t.Column<DateOnly>(nullable: true),
            ValidTo = t.Column<DateOnly>(nullable: true),
            MeasureRecordId = t.Column<Guid>(nullable: true),
            MeasureId = t.Column<string>(maxLength: 64, nullable: true),
            MeasureKind = t.Column<string>(maxLength: 32, nullable: true),
            DepartmentId = t.Column<string>(maxLength: 16, nullable: true),
            StartsOn = t.Column<DateOnly>(nullable: true),
            EndsOn = t.Column<DateOnly>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_FeedChanges", x => x.Id));
        var ratingText = m.ActiveProvider == Postgres ? "b.\"RatingId\"::text" : "lower(b.\"RatingId\")";
        m.Sql($"""
            INSERT INTO "FeedChanges" ({RatingColumns}, "Once")
            SELECT {string.Join(", ", RatingColumns.Split(", ").Select(c => "b." + c))},
                   CASE WHEN b."Kind" = 'Expired' AND NOT EXISTS (SELECT 1 FROM "{Before}" o WHERE o."Kind" = 'Expired'
                        AND o."RatingId" = b."RatingId" AND o."Id" < b."Id") THEN 'expired:' || {ratingText} END
            FROM "{Before}" b;
            """);
        m.DropTable(Before);
        CreateIndexes(m, withOnce: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        SetAside(m);
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
        // The version before cannot hold a measure's change: those entries go (a reader past them sees a gap in the sequence).
        m.Sql($"INSERT INTO \"FeedChanges\" ({RatingColumns}) SELECT {RatingColumns} FROM \"{Before}\" WHERE \"RatingId\" IS NOT NULL;");
        m.DropTable(Before);
        CreateIndexes(m, withOnce: false);
    }

    /// <summary>
    /// Renames the table out of the way; PostgreSQL's primary-key constraint is renamed with it, its name being taken next.
    /// Its indexes go with it when it is dropped, before the new table's (of the same names) are created.
    /// </summary>
    private static void SetAside(MigrationBuilder m)
    {
        m.RenameTable("FeedChanges", newName: Before);
        if (m.ActiveProvider == Postgres)
            m.Sql($"ALTER TABLE \"{Before}\" RENAME CONSTRAINT \"PK_FeedChanges\" TO \"PK_{Before}\";");
    }

    private static void CreateIndexes(MigrationBuilder m, bool withOnce)
    {
        m.CreateIndex("IX_FeedChanges_Sequence", "FeedChanges", "Sequence", unique: true);
        m.CreateIndex("IX_FeedChanges_RatingId", "FeedChanges", "RatingId");
        if (withOnce) m.CreateIndex("IX_FeedChanges_Once", "FeedChanges", "Once", unique: true);
    }
}
