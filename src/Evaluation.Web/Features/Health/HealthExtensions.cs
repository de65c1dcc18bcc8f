using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Evaluation.Web.Features.Health;

/// <summary>/health: 200 when the database answers, 503 when it does not (load balancers read the status).</summary>
internal static class HealthExtensions
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}

/// <summary>
/// Asks the database a question (SELECT 1), which also shows a dead pooled connection. When the first attempt broke
/// on one (the server restarted since), the pool has been purged (<see cref="BrokenConnections"/>) and a second
/// attempt on a fresh connection tells whether the database answers now: a server that is back is healthy at once.
/// </summary>
internal sealed class DatabaseHealthCheck(EvaluationDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt == 1 && BrokenConnections.PurgeIfBroken(db.Database.GetDbConnection(), e)) continue;
                return HealthCheckResult.Unhealthy("database does not answer", e);
            }
        }
    }
}
