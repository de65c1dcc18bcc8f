namespace Evaluation.Web.Features.Catalogue;

/// <summary>Who owns each catalogue input (its `source`): the department check on every fact needs this.</summary>
internal interface IInputCatalogue
{
    /// <summary>The input's source (enterprise, survey, reviewer or a department id), or null if the catalogue has no such input.</summary>
    string? SourceOf(string catalogueId, string catalogueVersion, string inputId);
}

/// <summary>Input ownership read from the catalogue itself: the base index and every industry variant.</summary>
internal sealed class CatalogueInputs(CatalogueLibrary library) : IInputCatalogue
{
    public string? SourceOf(string catalogueId, string catalogueVersion, string inputId)
    {
        if (!library.Exists(catalogueId, catalogueVersion)) return null;
        var set = library.Get(catalogueId, catalogueVersion);
        return set.Base.FindInput(inputId)?.Source
            ?? set.Variants.Values.Select(v => v.FindInput(inputId)?.Source).FirstOrDefault(s => s is not null);
    }
}

internal static class CatalogueExtensions
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddOptions<CatalogueOptions>().BindConfiguration(CatalogueOptions.Section).ValidateOnStart();
        services.AddSingleton<CatalogueLibrary>();
        services.AddSingleton<IInputCatalogue, CatalogueInputs>();
        return services;
    }
}
