namespace Evaluation.Web.Features.Facts;

internal static class FactsExtensions
{
    /// <summary>The fact ledger: the one way a value is recorded (docs/decisions/0019).</summary>
    public static IServiceCollection AddFacts(this IServiceCollection services) => services.AddScoped<FactLedger>();
}
