using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Evaluation.Web.Persistence;

/// <summary>
/// Writes many rows of one entity type with multi-row INSERT statements built from the EF model (table, columns,
/// type mappings and value converters), inside the context's current transaction and without change tracking.
/// For the paths where EF's per-entity bookkeeping is the cost (a 100,000-row department file); the caller
/// writes the audit entries itself (<see cref="Features.Audit.AuditTrail.Added"/>), since SaveChanges is bypassed.
/// </summary>
internal static partial class BulkWrite
{
    // PostgreSQL allows 65,535 parameters per statement; stay well under.
    private const int MaxParameters = 16_000;

    public static async Task InsertAsync<T>(EvaluationDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var properties = type.GetProperties().ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ").ToString();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, table, properties, mappings, getters, rows, sql, cancellationToken);
            return;
        }
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        foreach (var chunk in rows.Chunk(RowsPerStatement(db, properties.Length)))
        {
            if (string.IsNullOrEmpty(command.CommandText) || chunk.Length != command.Parameters.Count / properties.Length)
                command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(r =>
                    "(" + string.Join(", ", properties.Select((_, c) => Name("p", r * properties.Length + c))) + ")"));
            command.Parameters.Clear();
            for (var r = 0; r < chunk.Length; r++)
                for (var c = 0; c < properties.Length; c++)
                    command.Parameters.Add(mappings[c].CreateParameter(command, Name("p", r * properties.Length + c),
                        getters[c].GetClrValue(chunk[r]), properties[c].IsNullable));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL's fastest way in: binary COPY, each value converted as EF would (value converters) and sent as
    /// the column's store type. Runs in the open transaction, so a failure later still rolls it back.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, StoreObjectIdentifier table, IProperty[] properties,
        RelationalTypeMapping[] mappings, IClrPropertyGetter[] getters, IReadOnlyCollection<T> rows, ISqlGenerationHelper sql,
        CancellationToken cancellationToken) where T : class
    {
        var storeTypes = mappings.Select(m => StoreTypeName().Replace(m.StoreType, "")).ToArray();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var c = 0; c < properties.Length; c++)
            {
                var value = getters[c].GetClrValue(row);
                if (value is not null && mappings[c].Converter is { } converter) value = converter.ConvertToProvider(value);
                if (value is null) await writer.WriteNullAsync(cancellationToken);
                else await writer.WriteAsync(value, storeTypes[c], cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>"character varying(64)" → "character varying": COPY names the type, the column keeps its length check.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial System.Text.RegularExpressions.Regex StoreTypeName();

    /// <summary>
    /// Elsewhere than PostgreSQL's COPY, many rows per statement save round trips. SQLite is in-process, but it finds a named
    /// parameter by a linear search, so a statement with thousands of parameters costs quadratic time; there one
    /// row per statement, the same command re-executed (prepared once), is the fast way.
    /// </summary>
    private static int RowsPerStatement(EvaluationDbContext db, int columns) =>
        db.Database.IsSqlite() ? 1 : Math.Max(1, MaxParameters / columns);

    private static string Name(string prefix, int n) => "@" + prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Sets <paramref name="column"/> to the pair's second value on the row whose key is the first, only where the
    /// column is still null; returns the rows changed, so a caller can tell a row someone else changed first.
    /// One statement per few thousand pairs (UPDATE … FROM (VALUES …), understood by SQLite and PostgreSQL).
    /// </summary>
    public static async Task<int> SetWhereNullAsync<T>(EvaluationDbContext db, string key, string column,
        IReadOnlyCollection<(Guid Key, Guid Value)> pairs, CancellationToken cancellationToken) where T : class
    {
        if (pairs.Count == 0) return 0;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var keyProperty = type.FindProperty(key) ?? throw new ArgumentException($"{typeof(T).Name} has no {key}.", nameof(key));
        var columnProperty = type.FindProperty(column) ?? throw new ArgumentException($"{typeof(T).Name} has no {column}.", nameof(column));
        var sql = db.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var keyColumn = sql.DelimitIdentifier(keyProperty.GetColumnName(table)!);
        var valueColumn = sql.DelimitIdentifier(columnProperty.GetColumnName(table)!);
        var keyMapping = (RelationalTypeMapping)keyProperty.GetRelationalTypeMapping();
        var valueMapping = (RelationalTypeMapping)columnProperty.GetRelationalTypeMapping();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk updates run inside the caller's transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        var changed = 0;
        foreach (var chunk in pairs.Chunk(RowsPerStatement(db, 2)))
        {
            if (string.IsNullOrEmpty(command.CommandText) || chunk.Length * 2 != command.Parameters.Count)
                command.CommandText = $"UPDATE {name} SET {valueColumn} = v.column2 FROM (VALUES "
                    + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"({Name("k", i)}, {Name("v", i)})"))
                    + $") AS v WHERE {name}.{keyColumn} = v.column1 AND {name}.{valueColumn} IS NULL";
            command.Parameters.Clear();
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.Add(keyMapping.CreateParameter(command, Name("k", i), chunk[i].Key, nullable: false));
                command.Parameters.Add(valueMapping.CreateParameter(command, Name("v", i), chunk[i].Value, nullable: false));
            }
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return changed;
    }

    /// <summary>
    /// Sets <paramref name="column"/> to <paramref name="value"/> on each row whose key and concurrency token are still
    /// as seen, giving it the fresh token; returns the rows changed, so the caller can tell (and refuse) a row someone
    /// else changed first, as SaveChanges' <c>WHERE token = @seen</c> would. UPDATE … FROM (VALUES …), both providers.
    /// </summary>
    public static async Task<int> SetWhereTokenAsync<T>(EvaluationDbContext db, string key, string token, string column, object value,
        IReadOnlyCollection<(Guid Key, Guid Seen, Guid Fresh)> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return 0;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        IProperty Find(string name) => type.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no {name}.", nameof(rows));
        var (keyProperty, tokenProperty, columnProperty) = (Find(key), Find(token), Find(column));
        var sql = db.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var keyMapping = (RelationalTypeMapping)keyProperty.GetRelationalTypeMapping();
        var tokenMapping = (RelationalTypeMapping)tokenProperty.GetRelationalTypeMapping();
        var columnMapping = (RelationalTypeMapping)columnProperty.GetRelationalTypeMapping();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk updates run inside the caller's transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        var changed = 0;
        foreach (var chunk in rows.Chunk(RowsPerStatement(db, 3)))
        {
            if (string.IsNullOrEmpty(command.CommandText) || chunk.Length * 3 + 1 != command.Parameters.Count)
                command.CommandText = $"UPDATE {name} SET {Column(columnProperty)} = @value, {Column(tokenProperty)} = v.column3 FROM (VALUES "
                    + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"({Name("k", i)}, {Name("s", i)}, {Name("f", i)})"))
                    + $") AS v WHERE {name}.{Column(keyProperty)} = v.column1 AND {name}.{Column(tokenProperty)} = v.column2";
            command.Parameters.Clear();
            command.Parameters.Add(columnMapping.CreateParameter(command, "@value", value, columnProperty.IsNullable));
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.Add(keyMapping.CreateParameter(command, Name("k", i), chunk[i].Key, nullable: false));
                command.Parameters.Add(tokenMapping.CreateParameter(command, Name("s", i), chunk[i].Seen, nullable: false));
                command.Parameters.Add(tokenMapping.CreateParameter(command, Name("f", i), chunk[i].Fresh, nullable: false));
            }
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return changed;
    }
}
