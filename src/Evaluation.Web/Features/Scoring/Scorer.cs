using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// What scoring one enterprise came to: its ScoreCard, or "not scorable" with every reason (a value that does not
/// read or bind, a catalogue that does not load). Never a substitute: no path scores empty or partial facts instead.
/// </summary>
internal sealed class ScoreResult
{
    private ScoreResult(CampaignCatalogue? catalogue, ScoreCard? card, IReadOnlyList<string> reasons, IReadOnlyDictionary<string, object?> values) =>
        (Catalogue, Card, Reasons, Values) = (catalogue, card, reasons, values);

    /// <summary>The catalogue it was scored on; null when there is none to score on.</summary>
    public CampaignCatalogue? Catalogue { get; }

    /// <summary>The ScoreCard; null when not scorable.</summary>
    public ScoreCard? Card { get; }

    /// <summary>Why there is no card: every reason, each naming its input or catalogue. Empty when scorable.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The values the engine read (input id → typed value), as the facts hash covers them.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Card), nameof(Catalogue))]
    public bool IsScorable => Card is not null;

    public static ScoreResult Scored(CampaignCatalogue catalogue, ScoreCard card, IReadOnlyDictionary<string, object?> values) =>
        new(catalogue, card, [], values);

    public static ScoreResult NotScorable(CampaignCatalogue? catalogue, IReadOnlyList<string> reasons, IReadOnlyDictionary<string, object?>? values = null) =>
        new(catalogue, null, reasons.Count == 0 ? ["not scorable"] : reasons, values ?? new Dictionary<string, object?>());
}

/// <summary>What scoring a population came to: a card per application, or every reason it could not be scored.</summary>
internal sealed record PopulationScores(IReadOnlyDictionary<Guid, ScoreCard> Cards, IReadOnlyList<(CampaignMember Member, string Error)> Unscorable);

/// <summary>
/// The one way to score (docs/decisions/0019): an enterprise's current facts on its campaign's catalogue
/// (<see cref="CampaignCatalogues"/>), the facts chosen by <see cref="FactSelection"/>, one error policy
/// (<see cref="ScoreResult"/>). The provisional score, scoring runs, submission, the impact preview, the dashboards and
/// the department desk all score here; a caller that asks "what if" lays its overlay over the facts it passes in.
/// A scorable result is frozen as an application's snapshot with <see cref="Freeze"/>.
/// </summary>
internal sealed class Scorer(CampaignCatalogues catalogues, TimeProvider clock)
{
    /// <summary>Scores the enterprise's facts on the campaign's catalogue for it.</summary>
    public ScoreResult Score(Campaign campaign, Enterprise enterprise, IEnumerable<IScoredFact> facts, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(enterprise);
        return Score(() => catalogues.For(campaign, enterprise), campaign.CatalogueId, campaign.CatalogueVersion, enterprise.CreditCode, facts, explain);
    }

    /// <summary>Scores facts on a catalogue already chosen (by the seam: never build one by hand).</summary>
    public static ScoreResult Score(CampaignCatalogue catalogue, string id, IEnumerable<IScoredFact> facts, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var reasons = new List<string>();
        var values = FactSelection.ForScoring(catalogue, facts, reasons);
        var bound = catalogue.Plan.Bind(values, reasons);
        if (bound is null || reasons.Count > 0) return ScoreResult.NotScorable(catalogue, reasons, values);
        return ScoreResult.Scored(catalogue, catalogue.Plan.Evaluate(bound, id, explain), values);
    }

    /// <summary>
    /// Scores every member the filter keeps on the catalogue <paramref name="catalogueOf"/> gives for it (the campaign's
    /// own, or another version's for the impact preview), on the cores; nothing is stored.
    /// </summary>
    public static PopulationScores ScoreAll(CampaignPopulation population, Func<string?, CampaignCatalogue> catalogueOf,
        Func<CampaignMember, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        var members = population.Members.Where(include ?? (_ => true)).ToList();
        var results = new ScoreResult[members.Count];
        var campaign = population.Campaign;
        Parallel.For(0, members.Count, i =>
        {
            var member = members[i];
            results[i] = Score(() => catalogueOf(member.Enterprise.IndustryCode), campaign.CatalogueId, campaign.CatalogueVersion,
                member.Enterprise.CreditCode, population.FactsByEnterprise[member.Enterprise.Id], explain: false);
        });
        var cards = new Dictionary<Guid, ScoreCard>();
        var unscorable = new List<(CampaignMember, string)>();
        for (var i = 0; i < members.Count; i++)
            if (results[i].IsScorable) cards[members[i].ApplicationId] = results[i].Card!;
            else unscorable.Add((members[i], string.Join("; ", results[i].Reasons)));
        return new PopulationScores(cards, unscorable);
    }

    /// <summary>The application's snapshot of a scorable result, with the hash of the values it read.</summary>
    public ScoreCardSnapshot Freeze(Application application, ScoreResult result)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsScorable) throw new InvalidOperationException($"Not scorable: {string.Join("; ", result.Reasons)}");
        var card = result.Card;
        return new ScoreCardSnapshot(Guid.NewGuid(), application.Id, result.Catalogue.Catalogue.Id, result.Catalogue.Catalogue.Version,
            FactsHash(result.Values), ScoreCardJson.Serialize(card), card.Total, card.Grade, clock.GetUtcNow().UtcDateTime);
    }

    private static ScoreResult Score(Func<CampaignCatalogue> catalogueOf, string catalogueId, string version, string id,
        IEnumerable<IScoredFact> facts, bool explain)
    {
        CampaignCatalogue catalogue;
        try { catalogue = catalogueOf(); }
        catch (Exception e) when (e is KeyNotFoundException or CatalogueException or InvalidOperationException or FormatException or JsonException)
        {
            return ScoreResult.NotScorable(null, [$"目录 catalogue {catalogueId}@{version}: {e.Message}"]);
        }
        return Score(catalogue, id, facts, explain);
    }

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
