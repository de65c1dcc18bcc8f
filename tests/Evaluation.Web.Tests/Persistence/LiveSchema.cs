using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Evaluation.Web.Tests.Persistence;

/// <summary>
/// A schema as sorted lines ("column Facts.InputId character varying(64) NOT NULL", "index …", "fk …"),
/// read either from the EF model or from a live database, so that the two compare as plain sets.
/// </summary>
internal static class LiveSchema
{
    public static SortedSet<string> FromModel(DbContext db)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables)
        {
            lines.Add($"table {table.Name}");
            foreach (var c in table.Columns) lines.Add(Column(table.Name, c.Name, c.StoreType, c.IsNullable));
            if (table.PrimaryKey is { } pk) lines.Add($"pk {table.Name} ({string.Join(", ", pk.Columns.Select(c => c.Name))})");
            foreach (var i in table.Indexes) lines.Add(Index(table.Name, i.Name, i.IsUnique, i.Columns.Select(c => c.Name)));
            foreach (var fk in table.ForeignKeyConstraints)
                lines.Add(ForeignKey(table.Name, fk.Columns.Select(c => c.Name), fk.PrincipalTable.Name, fk.OnDeleteAction.ToString()));
        }
        return lines;
    }

    public static async Task<SortedSet<string>> FromDatabaseAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.Database.IsNpgsql() ? await PostgresAsync(connection) : await SqliteAsync(connection);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<SortedSet<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            // EF's own bookkeeping (__EFMigrationsHistory, __EFMigrationsLock) is not part of the model.
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 4) <> '__EF'");
        foreach (var table in tables.Select(r => (string)r[0]))
        {
            lines.Add($"table {table}");
            var columns = await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")");
            foreach (var c in columns) lines.Add(Column(table, (string)c[1], (string)c[2], Convert.ToInt64(c[3]) == 0));
            var pk = columns.Where(c => Convert.ToInt64(c[5]) > 0).OrderBy(c => Convert.ToInt64(c[5])).Select(c => (string)c[1]);
            lines.Add($"pk {table} ({string.Join(", ", pk)})");
            foreach (var i in (await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")")).Where(i => (string)i[3] == "c"))
            {
                var name = (string)i[1];
                var cols = (await QueryAsync(connection, $"PRAGMA index_info(\"{name}\")")).OrderBy(r => Convert.ToInt64(r[0])).Select(r => (string)r[2]);
                lines.Add(Index(table, name, Convert.ToInt64(i[2]) == 1, cols));
            }
            foreach (var fk in (await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")")).GroupBy(r => Convert.ToInt64(r[0])))
                lines.Add(ForeignKey(table, fk.OrderBy(r => Convert.ToInt64(r[1])).Select(r => (string)r[3]), (string)fk.First()[2],
                    Pascal((string)fk.First()[6])));
        }
        return lines;
    }

    private static async Task<SortedSet<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in await QueryAsync(connection, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '__EFMigrationsHistory'
            """))
            lines.Add($"table {r[0]}");
        foreach (var r in await QueryAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname <> '__EFMigrationsHistory'
            """))
            lines.Add(Column((string)r[0], (string)r[1], (string)r[2], (bool)r[3]));
        foreach (var r in await QueryAsync(connection, """
            SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(array_agg(a.attname ORDER BY k.ord), ', ')
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE n.nspname = 'public' AND t.relname <> '__EFMigrationsHistory'
            GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary
            """))
            lines.Add((bool)r[3] ? $"pk {r[0]} ({r[4]})" : Index((string)r[0], (string)r[1], (bool)r[2], ((string)r[4]).Split(", ")));
        foreach (var r in await QueryAsync(connection, """
            SELECT t.relname, p.relname, c.confdeltype::text,
                   array_to_string(array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ', ')
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'f' AND n.nspname = 'public'
            """))
            lines.Add(ForeignKey((string)r[0], ((string)r[3]).Split(", "), (string)r[1], PostgresDeleteRule((string)r[2])));
        return lines;
    }

    private static string Column(string table, string name, string type, bool nullable) =>
        $"column {table}.{name} {type}{(nullable ? "" : " NOT NULL")}";

    private static string Index(string table, string name, bool unique, IEnumerable<string> columns) =>
        $"{(unique ? "unique index" : "index")} {table}.{name} ({string.Join(", ", columns)})";

    private static string ForeignKey(string table, IEnumerable<string> columns, string principal, string onDelete) =>
        $"fk {table} ({string.Join(", ", columns)}) -> {principal} on delete {onDelete}";

    private static string PostgresDeleteRule(string code) => code switch
    {
        "r" => "Restrict", "c" => "Cascade", "n" => "SetNull", "d" => "SetDefault", _ => "NoAction",
    };

    // SQLite reports "NO ACTION", "SET NULL"; the model says NoAction, SetNull.
    private static string Pascal(string rule) => string.Concat(rule.Split(' ')
        .Select(w => w[..1].ToUpperInvariant() + w[1..].ToLowerInvariant()));

    private static async Task<List<object[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
