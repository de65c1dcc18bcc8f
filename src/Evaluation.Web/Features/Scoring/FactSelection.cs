using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// Chooses, for each catalogue input, the one current fact the engine reads. Precedence: a reviewer's value
/// (set in review, on site) outranks a department's record, which outranks the enterprise's own claim; among
/// department values the input's own department comes first; otherwise the input's own source, then the latest.
/// Rejected facts are never read (docs/decisions/0007).
/// </summary>
internal static class FactSelection
{
    public static Dictionary<string, object?> ForScoring(Rules.Model.Catalogue catalogue, IEnumerable<Fact> facts,
        List<string> errors)
    {
        var current = facts.Where(f => f.SupersededById is null && f.Verification != VerificationStatus.Rejected)
            .GroupBy(f => f.InputId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs)
        {
            if (!current.TryGetValue(input.Id, out var candidates)) continue;
            var chosen = Choose(input, candidates);
            var value = Values.Parse(input, chosen.ValueText, out var error);
            if (error is not null) errors.Add($"{input.Id}: {error}");
            else values[input.Id] = value;
        }
        return values;
    }

    /// <summary>The candidate the engine reads for <paramref name="input"/>; the candidates are current, unrejected facts.</summary>
    public static Fact Choose(InputDefinition input, IEnumerable<Fact> candidates) =>
        candidates.OrderByDescending(f => Rank(f, input)).ThenByDescending(f => f.SuppliedAt).First();

    private static int Rank(Fact fact, InputDefinition input) => fact.Origin switch
    {
        FactOrigin.Reviewer => 4,
        FactOrigin.Department => string.Equals(fact.DepartmentId, input.Source, StringComparison.Ordinal) ? 3 : 2,
        _ => string.Equals(fact.Origin.ToString(), input.Source, StringComparison.OrdinalIgnoreCase) ? 1 : 0,
    };
}
