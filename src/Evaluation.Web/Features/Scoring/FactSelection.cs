using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Scoring;

/// <summary>
/// Chooses, for each catalogue input, the one current fact the engine reads: the value from the input's
/// own source (a department's record beats the enterprise's own claim), else the latest other value.
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
            var chosen = candidates.OrderByDescending(f => FromOwnSource(f, input)).ThenByDescending(f => f.SuppliedAt).First();
            var value = Values.Parse(input, chosen.ValueText, out var error);
            if (error is not null) errors.Add($"{input.Id}: {error}");
            else values[input.Id] = value;
        }
        return values;
    }

    private static bool FromOwnSource(Fact fact, InputDefinition input) => fact.Origin switch
    {
        FactOrigin.Department => string.Equals(fact.DepartmentId, input.Source, StringComparison.Ordinal),
        _ => string.Equals(fact.Origin.ToString(), input.Source, StringComparison.OrdinalIgnoreCase),
    };
}
