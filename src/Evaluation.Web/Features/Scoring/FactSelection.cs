using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Scoring;

/// <summary>What <see cref="FactSelection"/> reads of a fact: a <see cref="Fact"/>, or a scoring run's narrower projection.</summary>
internal interface IScoredFact
{
    string InputId { get; }
    string ValueText { get; }
    FactOrigin Origin { get; }
    string? DepartmentId { get; }
    DateTime SuppliedAt { get; }
    VerificationStatus Verification { get; }
    Guid? SupersededById { get; }
}

/// <summary>
/// A current fact as a scoring run reads it: only the columns <see cref="FactSelection"/> needs (7 of 17), so a batch's
/// tens of thousands of facts cost less to read and to materialise.
/// </summary>
internal sealed record ScoringFact(Guid EnterpriseId, string InputId, string ValueText, FactOrigin Origin, string? DepartmentId,
    DateTime SuppliedAt, VerificationStatus Verification) : IScoredFact
{
    public Guid? SupersededById => null;
}

/// <summary>
/// Chooses, for each catalogue input, the one current fact the engine reads. Precedence: a reviewer's value
/// (set in review, on site) outranks a department's record, which outranks the enterprise's own claim; among
/// department values the input's own department comes first; otherwise the input's own source, then the latest.
/// Rejected facts are never read (docs/decisions/0007).
/// </summary>
internal static class FactSelection
{
    /// <summary>
    /// The values the engine reads, in catalogue input order. One pass over the facts keeps the best candidate per
    /// input (higher rank, then later; among equals the first met, as a stable sort would), then parses only those:
    /// a scoring run calls this for every enterprise, and grouping and sorting per input was most of its time.
    /// </summary>
    public static Dictionary<string, object?> ForScoring(CampaignCatalogue campaignCatalogue, IEnumerable<IScoredFact> facts,
        List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(campaignCatalogue);
        var (catalogue, inputs) = (campaignCatalogue.Catalogue, campaignCatalogue.Inputs);
        var best = new Dictionary<string, (IScoredFact Fact, int Rank)>(inputs.Count, StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (fact.SupersededById is not null || fact.Verification == VerificationStatus.Rejected) continue;
            if (!inputs.TryGetValue(fact.InputId, out var input)) continue; // not an input of this catalogue: never read
            var rank = Rank(fact, input);
            if (best.TryGetValue(fact.InputId, out var held) && !Outranks(rank, fact, held.Rank, held.Fact)) continue;
            best[fact.InputId] = (fact, rank);
        }
        var values = new Dictionary<string, object?>(best.Count, StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs)
        {
            if (!best.TryGetValue(input.Id, out var chosen)) continue;
            var value = Values.Parse(input, chosen.Fact.ValueText, out var error);
            if (error is not null) errors.Add($"{input.Id}: {error}");
            else values[input.Id] = value;
        }
        return values;
    }

    /// <summary>The candidate the engine reads for <paramref name="input"/>; the candidates are current, unrejected facts.</summary>
    public static T Choose<T>(InputDefinition input, IEnumerable<T> candidates) where T : IScoredFact
    {
        var (found, best, bestRank) = (false, default(T)!, 0);
        foreach (var fact in candidates)
        {
            var rank = Rank(fact, input);
            if (found && !Outranks(rank, fact, bestRank, best)) continue;
            (found, best, bestRank) = (true, fact, rank);
        }
        return found ? best : throw new InvalidOperationException($"No candidate fact for {input.Id}.");
    }

    /// <summary>Strictly better: higher rank, or the same rank supplied later. An equal one never displaces the first.</summary>
    private static bool Outranks(int rank, IScoredFact fact, int heldRank, IScoredFact held) =>
        rank > heldRank || (rank == heldRank && fact.SuppliedAt > held.SuppliedAt);

    private static int Rank(IScoredFact fact, InputDefinition input) => fact.Origin switch
    {
        FactOrigin.Reviewer => 4,
        FactOrigin.Department => string.Equals(fact.DepartmentId, input.Source, StringComparison.Ordinal) ? 3 : 2,
        _ => string.Equals(fact.Origin.ToString(), input.Source, StringComparison.OrdinalIgnoreCase) ? 1 : 0,
    };
}
