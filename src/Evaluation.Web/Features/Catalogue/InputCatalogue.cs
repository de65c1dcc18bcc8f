namespace Evaluation.Web.Features.Catalogue;

/// <summary>Who owns each catalogue input (its `source`): the department check on every fact needs this.</summary>
internal interface IInputCatalogue
{
    /// <summary>The input's source (enterprise, survey, reviewer or a department id), or null if the catalogue has no such input.</summary>
    string? SourceOf(string catalogueId, string catalogueVersion, string inputId) => Find(catalogueId, catalogueVersion, inputId)?.Source;

    /// <summary>The input as the base index or an industry variant defines it, or null.</summary>
    Rules.Model.InputDefinition? Find(string catalogueId, string catalogueVersion, string inputId);
}

/// <summary>Input ownership read from the catalogue itself: the base index and every industry variant.</summary>
internal sealed class CatalogueInputs(CatalogueLibrary library) : IInputCatalogue
{
    public Rules.Model.InputDefinition? Find(string catalogueId, string catalogueVersion, string inputId)
    {
        if (!library.Exists(catalogueId, catalogueVersion)) return null;
        var set = library.Get(catalogueId, catalogueVersion);
        return set.Base.FindInput(inputId)
            ?? set.Variants.Values.Select(v => v.FindInput(inputId)).FirstOrDefault(i => i is not null);
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
