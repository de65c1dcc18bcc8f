namespace Evaluation.Web.Persistence;

/// <summary>Which database the platform runs on. SQLite needs no setup; PostgreSQL is the system of record.</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file, relative to the content root, used when no connection string is configured.</summary>
    public string SqlitePath { get; set; } = "data/evaluation.db";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, "sqlite", StringComparison.OrdinalIgnoreCase);
}
