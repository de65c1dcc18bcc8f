using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Evaluation.Engine;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// Scores one application on its campaign's pinned catalogue (and the enterprise's industry variant) and
/// freezes the result as a snapshot with the hash of the facts it read.
/// </summary>
internal sealed class Scorer(CatalogueLibrary library, TimeProvider clock)
{
    public ScoreCardSnapshot Score(Campaign campaign, Enterprise enterprise, Application application, IReadOnlyList<Fact> facts)
    {
        var catalogue = ParameterOverrides.Apply(
            library.Get(campaign.CatalogueId, campaign.CatalogueVersion).ForIndustry(enterprise.IndustryCode),
            campaign.ParameterOverridesJson);
        var plan = ScoringPlan.For(catalogue);
        var errors = new List<string>();
        var values = FactSelection.ForScoring(catalogue, facts, errors);
        var set = plan.Bind(values, errors);
        if (set is null || errors.Count > 0)
            throw new InvalidOperationException($"Facts of {enterprise.CreditCode} cannot be scored: {string.Join("; ", errors)}");
        var card = plan.Evaluate(set, enterprise.CreditCode, explain: false);
        return new ScoreCardSnapshot(Guid.NewGuid(), application.Id, catalogue.Id, catalogue.Version, FactsHash(values),
            ScoreCardJson.Serialize(card), card.Total, card.Grade, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>SHA-256 over "input=value" lines in ordinal order: the same facts always give the same hash.</summary>
    public static string FactsHash(IReadOnlyDictionary<string, object?> values)
    {
        var text = new StringBuilder();
        foreach (var (id, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append(id).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

internal static class ScoringExtensions
{
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddSingleton<Scorer>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section);
        services.AddSingleton<ScoringSignal>();
        services.AddScoped<ScoringRuns>();
        services.AddHostedService<ScoringRunner>();
        return services;
    }
}
