namespace Evaluation.Web.Features.Facts;

internal static class FactsExtensions
{
    public static IServiceCollection AddFacts(this IServiceCollection services)
    {
        services.AddScoped<DepartmentFacts>();
        return services;
    }
}
