namespace Evaluation.Web.Persistence;

/// <summary>
/// Serialises the writes of one department's values in one campaign (desk, upload, API, supervision events), so a
/// writer that checks "what is current" sees every value committed before it — the *first* value of an input
/// included, which has no row yet to lock. Call it first inside the transaction; it is held until the transaction
/// ends. On PostgreSQL a transaction-scoped advisory lock on the campaign and department; on SQLite nothing is
/// needed, since its transactions begin IMMEDIATE and so hold the database's single write lock from their start.
/// Only the same department's writers wait for each other: an input belongs to one department.
/// </summary>
internal static class DepartmentWriteLock
{
    /// <summary>The lock's text key; hashed to PostgreSQL's 64-bit advisory lock key by <c>hashtextextended</c>.</summary>
    public static string Key(Guid campaignId, string departmentId) => $"department-facts:{campaignId:N}:{departmentId}";

    public static async Task AcquireAsync(EvaluationDbContext db, Guid campaignId, string departmentId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The department write lock is taken inside the transaction it protects.");
        if (!db.Database.IsNpgsql()) return;
        var key = Key(campaignId, departmentId);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }
}
