using System.Globalization;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>What would raise an indicator, read from its rule: "参保率 0.93 → 0.95: +20".</summary>
public sealed record NextStep(Text Text, decimal Gain);

/// <summary>
/// Works out, from an indicator's rule and its current values, the nearest change that earns points:
/// the next band of a one-column table, the full point of a linear rule, the next level, one event fewer.
/// Other rules (expressions, parts) get no step; the plan then shows the rule in words only.
/// </summary>
public static class NextSteps
{
    /// <summary>The next step for one explained indicator, or null when the rule gives none or it is at its maximum.</summary>
    public static NextStep? For(IndicatorExplanation e)
    {
        if (e.Score.Status != IndicatorStatus.Scored || e.Score.Points >= e.Score.Max) return null;
        var scale = e.Indicator.Points / e.Indicator.RulePoints;
        return e.Indicator.Scoring switch
        {
            TableScoring t => Table(e, t, scale),
            LinearScoring l => Linear(e, l),
            LevelsScoring l => Level(e, l, scale),
            DeductScoring d => Deduct(e, d, scale),
            _ => null,
        };
    }

    private static NextStep? Table(IndicatorExplanation e, TableScoring t, decimal scale)
    {
        if (t.Hit != HitPolicy.First || t.Inputs.Length != 1 || t.Inputs[0].Ast is not NameExpr name) return null;
        if (Value(e, name.Name) is not decimal now) return null;
        var current = e.RuleResult ?? 0m;
        // The nearest band that pays more: the smallest threshold above the current value.
        var next = t.Rows
            .Select(row => (Then: decimal.TryParse(row.Then.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null,
                Target: LowerBound(row.When[0].Tests)))
            .Where(x => x.Then > current && x.Target > now)
            .OrderBy(x => x.Target).ThenByDescending(x => x.Then)
            .FirstOrDefault();
        if (next.Then is not { } then || next.Target is not { } target) return null;
        var gain = Round((then - current) * scale);
        return new NextStep(Say(e, name.Name, now, target, gain), gain);
    }

    private static NextStep? Linear(IndicatorExplanation e, LinearScoring l)
    {
        if (l.Of.Ast is not NameExpr name || l.Full.Ast is not NumberLiteral full || Value(e, name.Name) is not decimal now) return null;
        var gain = e.Score.Max - e.Score.Points;
        return new NextStep(Say(e, name.Name, now, full.Value, gain), gain);
    }

    private static NextStep? Level(IndicatorExplanation e, LevelsScoring l, decimal scale)
    {
        var now = e.Facts.FirstOrDefault(f => f.Id == l.Input)?.Value as string;
        var fraction = l.Scale.FirstOrDefault(kv => kv.Key == now).Value;
        var better = l.Scale.Where(kv => kv.Value > fraction).OrderBy(kv => kv.Value).FirstOrDefault();
        if (better.Key is null) return null;
        var gain = Round((better.Value - fraction) * e.Indicator.RulePoints * scale);
        var label = e.Facts.First(f => f.Id == l.Input).Label;
        return new NextStep(new Text($"{label.Zh} {now} → {better.Key}：+{Show(gain)} 分", $"{label.En} {now} → {better.Key}: +{Show(gain)} points"), gain);
    }

    private static NextStep? Deduct(IndicatorExplanation e, DeductScoring d, decimal scale)
    {
        foreach (var item in d.Items)
        {
            if (item.Count.Ast is not NameExpr name || Value(e, name.Name) is not decimal count || count <= 0) continue;
            var gain = Round(Math.Min(item.Per * scale, e.Score.Max - e.Score.Points));
            return new NextStep(Say(e, name.Name, count, count - 1, gain), gain);
        }
        return null;
    }

    private static decimal? LowerBound(UnaryTests tests) => tests is { Negated: false, Tests: [var only] } ? only switch
    {
        ComparisonTest { Operator: FeelBinaryOperator.GreaterOrEqual or FeelBinaryOperator.Greater, Operand: NumberLiteral n } => n.Value,
        ValueTest { Value: RangeExpr { Start: NumberLiteral n } } => n.Value,
        _ => null,
    } : null;

    private static object? Value(IndicatorExplanation e, string name) =>
        e.Derived.FirstOrDefault(d => d.Id == name)?.Value ?? e.Facts.FirstOrDefault(f => f.Id == name)?.Value;

    private static Text Say(IndicatorExplanation e, string name, decimal now, decimal target, decimal gain)
    {
        var label = e.Derived.FirstOrDefault(d => d.Id == name)?.Label ?? e.Facts.FirstOrDefault(f => f.Id == name)?.Label ?? new Text(name, name);
        return new Text($"{label.Zh} {Show(now)} → {Show(target)}：+{Show(gain)} 分", $"{label.En} {Show(now)} → {Show(target)}: +{Show(gain)} points");
    }

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);

    private static string Show(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}
