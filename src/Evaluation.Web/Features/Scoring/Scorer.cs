using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
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
    public ScoreCardSnapshot Score(Campaign campaign, Enterprise enterprise, Application application, IEnumerable<IScoredFact> facts)
    {
        var catalogue = ParameterOverrides.Apply(ForIndustry(library.Get(campaign.CatalogueId, campaign.CatalogueVersion), enterprise.IndustryCode),
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

    // The variant an industry code resolves to, per catalogue set (a set is one immutable version): a scoring run
    // asks once per enterprise, and the longest-prefix search over every variant's industries is not free.
    private static readonly ConditionalWeakTable<CatalogueSet, ConcurrentDictionary<string, Rules.Model.Catalogue>> Variants = [];

    private static Rules.Model.Catalogue ForIndustry(CatalogueSet set, string? industryCode) =>
        industryCode is null ? set.ForIndustry(null)
        : Variants.GetValue(set, static _ => new(StringComparer.Ordinal)).GetOrAdd(industryCode, set.ForIndustry);

    /// <summary>SHA-256 over "input=value" lines in ordinal order: the same facts always give the same hash.</summary>
    /// <remarks>
    /// The text is <c>id=Convert.ToString(value, InvariantCulture)\n</c> per value, UTF-8; it is written straight into
    /// a pooled buffer (decimals, nearly every value, formatted in place) instead of a string built and copied.
    /// </remarks>
    public static string FactsHash(IReadOnlyDictionary<string, object?> values)
    {
        var keys = new string[values.Count];
        var n = 0;
        foreach (var key in values.Keys) keys[n++] = key;
        Array.Sort(keys, StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            foreach (var id in keys)
            {
                Append(ref buffer, ref length, id);
                Append(ref buffer, ref length, "=");
                var value = values[id];
                if (value is decimal d)
                {
                    int written;
                    while (!d.TryFormat(buffer.AsSpan(length), out written, default, CultureInfo.InvariantCulture)) Grow(ref buffer, length, 64);
                    length += written;
                }
                else Append(ref buffer, ref length, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                Append(ref buffer, ref length, "\n");
            }
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void Append(ref byte[] buffer, ref int length, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length - length < most) Grow(ref buffer, length, most);
        length += Encoding.UTF8.GetBytes(text, buffer.AsSpan(length));
    }

    private static void Grow(ref byte[] buffer, int length, int more)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
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
