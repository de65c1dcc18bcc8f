using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.SelfAssessment;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>
/// "This enterprise's catalogue in this campaign": the pinned catalogue version, the industry variant the enterprise's
/// code selects, the campaign's parameter overrides laid over it, its compiled plan and its inputs by id. One instance
/// per (version, variant, overrides), kept as long as <see cref="CampaignCatalogues"/> lives; immutable, thread-safe.
/// </summary>
internal sealed class CampaignCatalogue
{
    private readonly Lazy<FormLayout> _layout;

    internal CampaignCatalogue(CatalogueSet version, Rules.Model.Catalogue catalogue, IReadOnlyDictionary<string, JsonElement> overrides,
        ScoringPlan plan)
    {
        (Version, Catalogue, Overrides, Plan) = (version, catalogue, overrides, plan);
        var inputs = new Dictionary<string, InputDefinition>(StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs) inputs.TryAdd(input.Id, input);
        Inputs = inputs.ToFrozenDictionary(StringComparer.Ordinal);
        _layout = new(() => FormLayout.Build(catalogue, plan));
    }

    /// <summary>The catalogue version the campaign pins: base index, every variant, park index and small-enterprise scheme.</summary>
    public CatalogueSet Version { get; }

    /// <summary>The variant applied, with the campaign's parameter values: what the enterprise is scored on.</summary>
    public Rules.Model.Catalogue Catalogue { get; }

    /// <summary>The industry variant (null for the base index).</summary>
    public VariantInfo? Variant => Catalogue.Variant;

    /// <summary>The campaign's parameter overrides that were applied, by parameter id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Overrides { get; }

    /// <summary>The compiled plan of <see cref="Catalogue"/>.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>The catalogue's inputs by id (the first of an id, in catalogue order).</summary>
    public IReadOnlyDictionary<string, InputDefinition> Inputs { get; }

    /// <summary>The self-assessment form this catalogue generates.</summary>
    public FormLayout Layout => _layout.Value;
}

/// <summary>
/// The one way to "the campaign's catalogue for this enterprise" (docs/decisions/0019): pages, jobs and the API ask
/// here instead of combining <see cref="CatalogueLibrary"/>, the industry variant and <see cref="ParameterOverrides"/>
/// themselves, so two pages can never score one application on two catalogues. Holds the derived state — variants by
/// industry code, overrides applied, compiled plans, input indexes, form layouts — for its own lifetime (a singleton).
/// </summary>
internal sealed class CampaignCatalogues(CatalogueLibrary library, ScoringPlans plans)
{
    // Per version (a set is one immutable version): the variant an industry code selects. A scoring run asks once per
    // enterprise, and the longest-prefix search over every variant's industries is not free.
    private readonly ConditionalWeakTable<CatalogueSet, ConcurrentDictionary<string, Rules.Model.Catalogue>> _variants = [];

    // Per variant instance and overrides text: the one CampaignCatalogue, so its plan, layout and indexes are built once.
    private readonly ConditionalWeakTable<Rules.Model.Catalogue, ConcurrentDictionary<string, CampaignCatalogue>> _applied = [];

    // Per version: every input of the base index and of any variant, by id (who owns what, whatever the variant).
    private readonly ConditionalWeakTable<CatalogueSet, IReadOnlyDictionary<string, InputDefinition>> _versionInputs = [];

    /// <summary>The campaign's catalogue for an enterprise of this industry code (null or empty: the base index).</summary>
    /// <exception cref="KeyNotFoundException">The campaign pins a version that is neither in rules/ nor uploaded.</exception>
    /// <exception cref="CatalogueException">The pinned version does not load.</exception>
    /// <exception cref="InvalidOperationException">The campaign overrides a parameter the catalogue does not declare, or with a wrong type.</exception>
    public CampaignCatalogue For(Campaign campaign, string? industryCode)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return For(campaign.CatalogueId, campaign.CatalogueVersion, campaign.ParameterOverridesJson, industryCode);
    }

    /// <summary>The campaign's catalogue for this enterprise.</summary>
    public CampaignCatalogue For(Campaign campaign, Enterprises.Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        return For(campaign, enterprise.IndustryCode);
    }

    /// <summary>
    /// Any catalogue version with the given overrides, for an industry code: the impact preview scores a campaign's facts
    /// on a version it does not pin, and a rating's page reads the version its snapshot was scored on.
    /// </summary>
    public CampaignCatalogue For(string catalogueId, string version, string overridesJson, string? industryCode)
    {
        var set = library.Get(catalogueId, version);
        var variant = Variant(set, industryCode);
        return _applied.GetValue(variant, static _ => new(StringComparer.Ordinal))
            .GetOrAdd(overridesJson ?? "", json => Build(set, variant, json));
    }

    /// <summary>The whole version the campaign pins (every variant, the park index, the small-enterprise scheme).</summary>
    public CatalogueSet VersionOf(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return library.Get(campaign.CatalogueId, campaign.CatalogueVersion);
    }

    /// <summary>
    /// Every input of the campaign's version — the base index first, then the variants by id — whatever variant an
    /// enterprise is on: who owns an input (its source) is one answer per version.
    /// </summary>
    public IReadOnlyDictionary<string, InputDefinition> VersionInputs(Campaign campaign) => VersionInputs(VersionOf(campaign));

    /// <summary>Every input of a version, as <see cref="VersionInputs(Campaign)"/>; empty when the version does not exist.</summary>
    public IReadOnlyDictionary<string, InputDefinition> VersionInputs(string catalogueId, string version) =>
        library.Exists(catalogueId, version) ? VersionInputs(library.Get(catalogueId, version)) : FrozenDictionary<string, InputDefinition>.Empty;

    private IReadOnlyDictionary<string, InputDefinition> VersionInputs(CatalogueSet set) =>
        _versionInputs.GetValue(set, static s => new[] { s.Base }.Concat(s.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value))
            .SelectMany(c => c.Inputs).DistinctBy(i => i.Id).ToFrozenDictionary(i => i.Id, StringComparer.Ordinal));

    private Rules.Model.Catalogue Variant(CatalogueSet set, string? industryCode) =>
        string.IsNullOrWhiteSpace(industryCode) ? set.Base
        : _variants.GetValue(set, static _ => new(StringComparer.Ordinal)).GetOrAdd(industryCode, set.ForIndustry);

    private CampaignCatalogue Build(CatalogueSet set, Rules.Model.Catalogue variant, string overridesJson)
    {
        var overrides = ParameterOverrides.Parse(overridesJson);
        var catalogue = ParameterOverrides.Apply(variant, overrides);
        return new CampaignCatalogue(set, catalogue, overrides, plans.For(catalogue));
    }
}
