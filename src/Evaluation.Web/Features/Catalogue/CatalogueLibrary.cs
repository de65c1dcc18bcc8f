using System.Collections.Concurrent;
using Evaluation.Rules.Loading;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Catalogue;

internal sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The folder holding &lt;catalogue-id&gt;/&lt;version&gt;/catalogue.yaml; found upward from the content root when empty.</summary>
    public string RulesPath { get; set; } = "";
}

/// <summary>
/// The catalogue versions campaigns pin, loaded from rules/ once each and kept: loading validates the
/// whole catalogue, and a campaign's rules never change under it.
/// </summary>
internal sealed class CatalogueLibrary(IOptions<CatalogueOptions> options, IHostEnvironment env)
{
    private readonly ConcurrentDictionary<string, Lazy<CatalogueSet>> _sets = new(StringComparer.Ordinal);

    public CatalogueSet Get(string catalogueId, string version) =>
        _sets.GetOrAdd($"{catalogueId}@{version}", _ => new Lazy<CatalogueSet>(() => Load(catalogueId, version))).Value;

    public bool Exists(string catalogueId, string version) =>
        File.Exists(Path.Combine(RulesRoot(), catalogueId, version, "catalogue.yaml"));

    private CatalogueSet Load(string catalogueId, string version) =>
        CatalogueLoader.LoadDirectory(Path.Combine(RulesRoot(), catalogueId, version));

    private string RulesRoot()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.RulesPath)) return options.Value.RulesPath;
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var rules = Path.Combine(dir.FullName, "rules");
            if (Directory.Exists(rules)) return rules;
        }
        throw new DirectoryNotFoundException($"No rules/ folder above {env.ContentRootPath}; set Catalogue:RulesPath.");
    }
}
