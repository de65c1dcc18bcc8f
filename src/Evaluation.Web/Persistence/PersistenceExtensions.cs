using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Persistence;

internal static class PersistenceExtensions
{
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.IsSqlite || o.IsPostgres, "Database:Provider must be 'sqlite' or 'postgres'.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditActor>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<EvaluationDbContext>((sp, options) => Configure(sp, options));
        return services;
    }

    private static void Configure(IServiceProvider sp, DbContextOptionsBuilder options)
    {
        var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var connectionString = ConnectionString(sp, db);
        if (db.IsPostgres)
            options.UseNpgsql(connectionString)
                .AddInterceptors(new BrokenConnectionCommands(), new BrokenConnectionOpens(), new BrokenConnectionTransactions());
        else options.UseSqlite(connectionString).AddInterceptors(new SqliteTuning());
        // Migrations are hand-written without a model snapshot (docs/decisions/0002); the drift test
        // compares the migrated schema with the model instead of EF's snapshot check.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        // What features do after a save (e.g. the public ratings' cache forgets) they register as interceptors.
        options.AddInterceptors(sp.GetServices<ISaveChangesInterceptor>());
    }

    private static string ConnectionString(IServiceProvider sp, DatabaseOptions db)
    {
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Evaluation");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (db.IsPostgres) throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:Evaluation.");
        var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var path = Path.GetFullPath(Path.Combine(root, db.SqlitePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"Data Source={path}";
    }

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvaluationDbContext>().Database.MigrateAsync();
    }
}
