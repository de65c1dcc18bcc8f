using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Measures;

internal sealed class MeasureSweepOptions
{
    public const string Section = "Measures";

    /// <summary>Minutes between expiry sweeps (the first after one interval); 0 turns the sweep off.</summary>
    public int SweepMinutes { get; set; } = 60;
}

/// <summary>
/// Expiry: measures whose end date has passed (a rating's validity, a year after a veto event, a small enterprise's
/// certificate) end, and what follows starts (a lapsed level's lower one), by re-evaluating those enterprises.
/// </summary>
internal sealed class MeasureSweep(IServiceScopeFactory scopes, IOptions<MeasureSweepOptions> options, ILogger<MeasureSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SweepMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(scopes, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Joint measures expiry sweep failed; it runs again in {Minutes} minutes", options.Value.SweepMinutes);
            }
        }
    }

    /// <summary>One sweep: the enterprises with a measure past its end, re-evaluated.</summary>
    public static async Task<MeasureChanges> SweepAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var keeper = scope.ServiceProvider.GetRequiredService<MeasureKeeper>();
        return await keeper.ReevaluateAsync(await keeper.DueAsync(cancellationToken), "有效期届满 / expired", cancellationToken);
    }
}
