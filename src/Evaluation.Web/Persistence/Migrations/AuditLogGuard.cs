using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Persistence.Migrations;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on the audit log, so the append-only rule holds even
/// for SQL that bypasses the DbContext (ExecuteUpdate, psql). TRUNCATE, used by test resets, still works.
/// </summary>
internal static class AuditLogGuard
{
    public static void Create(MigrationBuilder m)
    {
        if (IsPostgres(m))
        {
            m.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'AuditEntries is append-only'; END $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            return;
        }
        m.Sql("""CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;""");
        m.Sql("""CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;""");
    }

    public static void Drop(MigrationBuilder m)
    {
        if (IsPostgres(m))
        {
            m.Sql("""DROP TRIGGER audit_entries_append_only ON "AuditEntries"; DROP FUNCTION audit_entries_append_only();""");
            return;
        }
        m.Sql("DROP TRIGGER audit_entries_no_update;");
        m.Sql("DROP TRIGGER audit_entries_no_delete;");
    }

    private static bool IsPostgres(MigrationBuilder m) =>
        string.Equals(m.ActiveProvider, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal);
}
