using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// A fact keeps its value as supplied, as text, and nothing else: the typed copies (number, boolean, date) were written
/// on every fact and read by nothing — scoring parses the text with the catalogue's own input types (FactSelection),
/// which the typed columns could only disagree with (docs/decisions/0019). Plain SQL: both providers drop a column
/// this way (SQLite since 3.35), and EF's SQLite table rebuild needs a model snapshot these migrations do not keep.
/// </summary>
[DbContext(typeof(EvaluationDbContext))]
[Migration("20261204020000_FactTextOnly")]
internal sealed class FactTextOnly : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        foreach (var column in new[] { "ValueNumber", "ValueBoolean", "ValueDate" })
            m.Sql($"""ALTER TABLE "Facts" DROP COLUMN "{column}";""");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.AddColumn<decimal>("ValueNumber", "Facts", nullable: true);
        m.AddColumn<bool>("ValueBoolean", "Facts", nullable: true);
        m.AddColumn<DateOnly>("ValueDate", "Facts", nullable: true);
    }
}
