using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>Campaign catalogues for tests that run no app: a loaded version, the variant of an industry code, no overrides.</summary>
internal static class TestCatalogues
{
    private static readonly ScoringPlans Plans = new();

    public static CampaignCatalogue Of(CatalogueSet set, string? industryCode)
    {
        var catalogue = set.ForIndustry(industryCode);
        return new CampaignCatalogue(set, catalogue, new Dictionary<string, JsonElement>(), Plans.For(catalogue));
    }
}
