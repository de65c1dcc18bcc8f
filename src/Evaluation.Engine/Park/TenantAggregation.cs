using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Park;

/// <summary>
/// What a park aggregate can read of one tenant: its facts after defaults, its derived values and its
/// ScoreCard (<c>grade</c>, <c>total</c>, <c>vetoed</c>, each category id).
/// </summary>
public sealed record TenantRecord(string Id, IReadOnlyDictionary<string, object?> Names)
{
    /// <summary>The names of a scored tenant.</summary>
    public static TenantRecord FromScoreCard(ScoreCard card)
    {
        var names = new Dictionary<string, object?>(StringComparer.Ordinal);
        var layout = card.Plan.Layout;
        foreach (var input in layout.Inputs) names[input.Id] = card.Facts[input.Id];
        foreach (var p in card.Plan.Catalogue.Parameters) names[p.Id] = p.Value;
        foreach (var d in card.Explain().Derived) names[d.Id] = d.Value;
        foreach (var c in card.Categories) names[c.Id] = c.Points;
        names["total"] = card.Total;
        names["grade"] = card.Grade;
        names["vetoed"] = card.Vetoed;
        return new TenantRecord(card.Id ?? "", names);
    }
}

/// <summary>Computes a park catalogue's aggregate inputs over its tenants.</summary>
public static class TenantAggregation
{
    /// <summary>
    /// The value of every aggregate input of <paramref name="park"/>: weighted-mean and mean skip tenants whose
    /// value (or weight) is null and give null when nothing is left; sum skips nulls; count counts tenants
    /// (those where <c>where</c> holds, if given); share is the fraction of tenants where <c>where</c> holds.
    /// </summary>
    public static Dictionary<string, object?> Compute(Catalogue park, IReadOnlyList<TenantRecord> tenants)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in park.Inputs)
            if (input.Aggregate is { } a) values[input.Id] = Compute(a, tenants);
        return values;
    }

    /// <summary>
    /// Scores a park: its own facts plus the aggregates over its tenants. Supplying an aggregate input
    /// directly is an error (it is computed); null with errors when anything is wrong.
    /// </summary>
    public static ScoreCard? ScorePark(ScoringPlan plan, IReadOnlyDictionary<string, object?> parkFacts, IReadOnlyList<TenantRecord> tenants, string? id, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var park = plan.Catalogue;
        var before = errors.Count;
        var aggregates = Compute(park, tenants);
        foreach (var key in parkFacts.Keys.Where(aggregates.ContainsKey))
            errors.Add($"{key}: computed from the tenants; do not supply it");
        if (errors.Count > before) return null;
        var facts = new Dictionary<string, object?>(parkFacts, StringComparer.Ordinal);
        foreach (var (key, value) in aggregates) facts[key] = value;
        var bound = plan.Bind(facts, errors);
        return bound is null ? null : plan.Evaluate(bound, id);
    }

    private static decimal? Compute(Aggregate a, IReadOnlyList<TenantRecord> tenants)
    {
        var selected = a.Where is null || a.Function == AggregateFunction.Share
            ? tenants
            : tenants.Where(t => Holds(a.Where, t)).ToList();
        return a.Function switch
        {
            AggregateFunction.Count => selected.Count,
            AggregateFunction.Share => tenants.Count == 0 ? null : (decimal)tenants.Count(t => Holds(a.Where!, t)) / tenants.Count,
            AggregateFunction.Sum => selected.Select(t => Number(a.Of!, t)).Where(v => v is not null).Sum(v => v!.Value),
            AggregateFunction.Mean => Mean(selected.Select(t => Number(a.Of!, t)).Where(v => v is not null).Select(v => v!.Value).ToList()),
            _ => WeightedMean(selected.Select(t => (Number(a.Of!, t), Number(a.Weight!, t))).Where(x => x.Item1 is not null && x.Item2 is not null)
                .Select(x => (x.Item1!.Value, x.Item2!.Value)).ToList()),
        };
    }

    private static decimal? Mean(List<decimal> values) => values.Count == 0 ? null : values.Sum() / values.Count;

    private static decimal? WeightedMean(List<(decimal Value, decimal Weight)> values)
    {
        var weight = values.Sum(v => v.Weight);
        return weight == 0 ? null : values.Sum(v => v.Value * v.Weight) / weight;
    }

    private static decimal? Number(FeelSource expr, TenantRecord tenant) => Evaluate(expr, tenant) as decimal?;

    private static bool Holds(FeelSource expr, TenantRecord tenant) => Evaluate(expr, tenant) is true;

    private static object? Evaluate(FeelSource expr, TenantRecord tenant) =>
        FeelInterpreter.Evaluate(expr.Ast, name => tenant.Names.GetValueOrDefault(name));
}
