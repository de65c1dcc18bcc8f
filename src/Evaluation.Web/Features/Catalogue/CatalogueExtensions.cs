namespace Evaluation.Web.Features.Catalogue;

internal static class CatalogueExtensions
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddOptions<CatalogueOptions>().BindConfiguration(CatalogueOptions.Section).ValidateOnStart();
        services.AddSingleton<CatalogueLibrary>();
        // The seam (docs/decisions/0019) and the compiled plans it holds, for the life of the app.
        services.AddSingleton<Engine.ScoringPlans>();
        services.AddSingleton<CampaignCatalogues>();
        services.AddScoped<ImpactPreview>();
        return services;
    }
}
