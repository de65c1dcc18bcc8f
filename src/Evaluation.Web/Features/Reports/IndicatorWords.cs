using System.Globalization;
using Evaluation.Engine;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// An indicator's explanation for a reader of the report: the values it read (by their labels, with where they came
/// from), how the points follow from them in words (the band reached, the charge per event, the level given, the parts),
/// and why an indicator scored nothing. Never the rule's FEEL: a condition that cannot be said in words is left out.
/// </summary>
internal static class IndicatorWords
{
    public static string Explain(IndicatorExplanation e, string lang)
    {
        var en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var lines = new List<string>();
        if (Values(e, lang) is { Length: > 0 } values) lines.Add((en ? "Values: " : "数据：") + values);
        // A missing input is said by the status column and shows as "missing" among the values.
        if (e.Score.Status == IndicatorStatus.Conflict) lines.Add(en ? "The scoring table matched conflicting rows: 0 points." : "计分表命中相互冲突的档次，本项记 0 分。");
        else if (e.Score.Status != IndicatorStatus.Missing && How(e, e.Indicator.Scoring, en) is { Length: > 0 } how) lines.Add(how);
        if (e.Score.Status == IndicatorStatus.Clamped)
            lines.Add(en ? $"The result is limited to the range 0–{P(e.Score.Max)}." : $"结果限定在 0–{P(e.Score.Max)} 分之间。");
        return string.Join("\n", lines);
    }

    /// <summary>The values an indicator read, by their labels, with where each came from.</summary>
    public static string Values(IndicatorExplanation e, string lang)
    {
        var en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var facts = e.Facts.Select(f => en
            ? $"{f.Label.In(lang)} = {Show(f.Value, en)} ({f.SourceName.In(lang)}{(f.Defaulted ? ", no record: default" : "")})"
            : $"{f.Label.In(lang)} = {Show(f.Value, en)}（{f.SourceName.In(lang)}{(f.Defaulted ? "，无记录取默认值" : "")}）");
        var derived = e.Derived.Where(d => d.Label is not null).Select(d => $"{d.Label!.In(lang)} = {Show(d.Value, en)}");
        return string.Join(en ? "; " : "；", facts.Concat(derived));
    }

    private static string How(IndicatorExplanation e, Rules.Model.Scoring scoring, bool en) => scoring switch
    {
        TableScoring t => Bands(e, t, en),
        DeductScoring d => (en ? $"From full points ({P(e.Score.Max)}): " : $"满分 {P(e.Score.Max)} 起扣：")
            + string.Join(en ? "; " : "；", d.Items.Select(item => item.Count.Ast is NameExpr n
                ? (en ? $"{P(item.Per)} off per case of {Label(e, n.Name, en)}" : $"{Label(e, n.Name, en)}每起扣 {P(item.Per)} 分")
                : (en ? $"{P(item.Per)} off per case" : $"每起扣 {P(item.Per)} 分"))),
        LevelsScoring l => en
            ? $"Level given on review: {Level(e.Facts.FirstOrDefault(f => f.Id == l.Input)?.Value, en)}; the points are the level's share of {P(e.Indicator.Points)}."
            : $"评审评定等级：{Level(e.Facts.FirstOrDefault(f => f.Id == l.Input)?.Value, en)}，按等级比例计 {P(e.Indicator.Points)} 分中的相应分数。",
        LinearScoring l => en
            ? $"Points in proportion to {Name(e, l.Of, en)} between {Bound(l.Zero, e, en)} (no points) and {Bound(l.Full, e, en)} (full points)."
            : $"按{Name(e, l.Of, en)}在 {Bound(l.Zero, e, en)}（0 分）与 {Bound(l.Full, e, en)}（满分）之间按比例计分。",
        PartsScoring => (en ? "Parts: " : "分项：") + string.Join(en ? "; " : "；",
            e.Parts.Select(p => $"{p.Name.In(en ? "en" : "zh")} {(p.Value is { } v ? P(v) : "—")} / {P(p.Points)}")),
        _ => en ? "Points computed from the values above by the catalogue's formula." : "按指标体系的计分公式由上述数据计算。",
    };

    /// <summary>The band the value fell in, for each matched row of the indicator's (first) table.</summary>
    private static string Bands(IndicatorExplanation e, TableScoring t, bool en)
    {
        var rows = e.Rows.Where(r => r.Table == 0 && r.Row < t.Rows.Length).Select(r => t.Rows[r.Row]).ToList();
        if (rows.Count == 0) return en ? "No band of the scoring table applies: 0 points." : "未达到计分表的任何档次，记 0 分。";
        var subject = t.Inputs.Length == 1 ? Name(e, t.Inputs[0], en) : null;
        return string.Join(en ? "; " : "；", rows.Select(row =>
        {
            var condition = row.Note?.In(en ? "en" : "zh") ?? Condition(row.When[0].Tests, en);
            var then = decimal.TryParse(row.Then.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var points) ? P(points) : null;
            var band = condition is null ? (en ? "the band" : "所在档次") : $"{(subject is null || row.When.Length > 1 ? "" : subject + " ")}{condition}";
            return then is null
                ? (en ? $"Band reached: {band}." : $"达到档次：{band}。")
                : (en ? $"Band reached: {band}, {then} points on the catalogue's scale." : $"达到档次：{band}，按指标体系计 {then} 分。");
        }));
    }

    /// <summary>A table cell said in words ("≥ 0.95", "0.90 ≤ … < 0.95", "otherwise"), or null when it is not a plain comparison.</summary>
    private static string? Condition(UnaryTests tests, bool en)
    {
        if (tests.MatchesAnything) return en ? "(any other value)" : "（其他情形）";
        if (tests.Negated || tests.Tests.Count != 1) return null;
        return tests.Tests[0] switch
        {
            ComparisonTest { Operand: NumberLiteral n } c => c.Operator switch
            {
                FeelBinaryOperator.GreaterOrEqual => $"≥ {N(n.Value)}",
                FeelBinaryOperator.Greater => $"> {N(n.Value)}",
                FeelBinaryOperator.LessOrEqual => $"≤ {N(n.Value)}",
                FeelBinaryOperator.Less => $"< {N(n.Value)}",
                _ => null,
            },
            ValueTest { Value: RangeExpr { Start: NumberLiteral a, End: NumberLiteral b } r } =>
                $"{(r.StartIncluded ? "≥" : ">")} {N(a.Value)} {(en ? "and" : "且")} {(r.EndIncluded ? "≤" : "<")} {N(b.Value)}",
            ValueTest { Value: NumberLiteral n } => $"= {N(n.Value)}",
            ValueTest { Value: StringLiteral s } => $"= {Level(s.Value, en)}",
            ValueTest { Value: BooleanLiteral b } => b.Value ? (en ? "yes" : "是") : (en ? "no" : "否"),
            _ => null,
        };
    }

    private static string Name(IndicatorExplanation e, FeelSource source, bool en) =>
        source.Ast is NameExpr n ? Label(e, n.Name, en) : (en ? "the values above" : "上述数据");

    private static string Label(IndicatorExplanation e, string id, bool en)
    {
        var lang = en ? "en" : "zh";
        return e.Derived.FirstOrDefault(d => d.Id == id)?.Label?.In(lang) ?? e.Facts.FirstOrDefault(f => f.Id == id)?.Label.In(lang)
            ?? (en ? "the value" : "该数值");
    }

    private static string Bound(FeelSource source, IndicatorExplanation e, bool en) => source.Ast switch
    {
        NumberLiteral n => N(n.Value),
        NameExpr n => Label(e, n.Name, en),
        _ => en ? "the catalogue's bound" : "指标体系规定值",
    };

    private static string Level(object? value, bool en) => value switch
    {
        "excellent" => en ? "excellent" : "优",
        "good" => en ? "good" : "良",
        "fair" => en ? "fair" : "中",
        "poor" => en ? "poor" : "差",
        "none" => en ? "none" : "无",
        null => en ? "not given" : "未评定",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Show(object? value, bool en) => value switch
    {
        null => en ? "missing" : "缺失",
        decimal d => N(d),
        bool b => b ? (en ? "yes" : "是") : (en ? "no" : "否"),
        string s => Level(s, en),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string N(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
