using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Evaluation.Web.Features.Facts;

/// <summary>Who owns each catalogue input (its `source`): the department check on every fact needs this.</summary>
internal interface IInputCatalogue
{
    /// <summary>The input's source (enterprise, survey, reviewer or a department id), or null if unknown.</summary>
    string? SourceOf(string catalogueId, string catalogueVersion, string inputId);
}

internal sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The folder holding rules/&lt;catalogue-id&gt;/&lt;version&gt;/catalogue.yaml; found upward from the content root when empty.</summary>
    public string RulesPath { get; set; } = "";
}

/// <summary>
/// Reads only the `inputs` list of rules/&lt;id&gt;/&lt;version&gt;/catalogue.yaml. The catalogue stays the one
/// source of truth for ownership; the full model belongs to Evaluation.Rules.
/// </summary>
internal sealed class CatalogueFileInputs(IOptions<CatalogueOptions> options, IHostEnvironment env) : IInputCatalogue
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string? SourceOf(string catalogueId, string catalogueVersion, string inputId)
    {
        lock (_gate)
        {
            var key = catalogueId + "/" + catalogueVersion;
            if (!_loaded.TryGetValue(key, out var inputs)) _loaded[key] = inputs = Load(catalogueId, catalogueVersion);
            return inputs.GetValueOrDefault(inputId);
        }
    }

    private IReadOnlyDictionary<string, string> Load(string catalogueId, string version)
    {
        var file = Path.Combine(RulesRoot(), catalogueId, version, "catalogue.yaml");
        if (!File.Exists(file)) return new Dictionary<string, string>();
        var yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties().Build().Deserialize<CatalogueInputs>(File.ReadAllText(file));
        return yaml.Inputs.Where(i => i.Id is not null && i.Source is not null)
            .ToDictionary(i => i.Id!, i => i.Source!, StringComparer.Ordinal);
    }

    private string RulesRoot()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.RulesPath)) return options.Value.RulesPath;
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "rules"))) return Path.Combine(dir.FullName, "rules");
        return Path.Combine(env.ContentRootPath, "rules");
    }

    private sealed class CatalogueInputs
    {
        public List<InputEntry> Inputs { get; set; } = [];
    }

    private sealed class InputEntry
    {
        public string? Id { get; set; }
        public string? Source { get; set; }
    }
}

internal static class FactsExtensions
{
    public static IServiceCollection AddFacts(this IServiceCollection services)
    {
        services.AddOptions<CatalogueOptions>().BindConfiguration(CatalogueOptions.Section).ValidateOnStart();
        services.AddSingleton<IInputCatalogue, CatalogueFileInputs>();
        services.AddScoped<DepartmentFacts>();
        return services;
    }
}
