using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Evaluation.Rules.Documentation;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>A fact an indicator read, with where it came from.</summary>
public sealed record FactRead(string Id, Text Label, object? Value, string Source, Text SourceName, bool Defaulted);

/// <summary>A derived value an indicator read.</summary>
public sealed record DerivedRead(string Id, Text? Label, string Expression, object? Value);

/// <summary>A decision-table row that matched.</summary>
public sealed record MatchedRow(int Table, int Row, string Text);

/// <summary>A part's contribution to its indicator.</summary>
public sealed record PartResult(string Id, Text Name, decimal? Value, decimal Points);

/// <summary>Why one indicator got its points.</summary>
public sealed record IndicatorExplanation(
    IndicatorScore Score,
    Indicator Indicator,
    ImmutableArray<FactRead> Facts,
    ImmutableArray<DerivedRead> Derived,
    decimal? RuleResult,
    ImmutableArray<MatchedRow> Rows,
    ImmutableArray<PartResult> Parts);

/// <summary>The explanation of a ScoreCard, rendered on demand in Chinese or English.</summary>
public sealed class Explanation
{
    internal Explanation(ScoreCard card, EvaluationRecord record)
    {
        ScoreCard = card;
        var meta = card.Plan.Metadata;
        Indicators = [.. meta.Indicators.Select((m, i) => Build(card, record, m, i))];
        Derived = [.. card.Plan.Catalogue.Derived.Select((d, i) => new DerivedRead(d.Id, d.Label, d.Expression.Text, record.Derived[i]))];
    }

    /// <summary>The ScoreCard explained.</summary>
    public ScoreCard ScoreCard { get; }

    /// <summary>One explanation per indicator, in catalogue order.</summary>
    public ImmutableArray<IndicatorExplanation> Indicators { get; }

    /// <summary>Every derived value with the value it took.</summary>
    public ImmutableArray<DerivedRead> Derived { get; }

    private static IndicatorExplanation Build(ScoreCard card, EvaluationRecord record, IndicatorMeta m, int index)
    {
        var catalogue = card.Plan.Catalogue;
        var layout = card.Plan.Layout;
        var facts = m.Reads.Where(layout.Index.ContainsKey).Select(id =>
        {
            var input = layout.Inputs[layout.Index[id]];
            return new FactRead(id, input.Label, card.Facts[id], input.Source, SourceName(catalogue, input.Source), card.Facts.IsDefaulted(id));
        });
        var derivedIndex = card.Plan.Metadata.DerivedIndex;
        var derived = m.Reads.Where(derivedIndex.ContainsKey).Select(id =>
        {
            var d = catalogue.Derived[derivedIndex[id]];
            return new DerivedRead(id, d.Label, d.Expression.Text, record.Derived[derivedIndex[id]]);
        });
        var tables = Tables(m.Indicator.Scoring).ToList();
        var rows = new List<MatchedRow>();
        for (var t = 0; t < m.TableCount; t++)
        {
            var mask = record.Rows[m.TableStart + t];
            for (var r = 0; r < Math.Min(63, tables[t].Rows.Length); r++)
                if (mask != -1 && (mask & (1L << r)) != 0) rows.Add(new MatchedRow(t, r, RowText(tables[t].Rows[r])));
        }
        var parts = m.Indicator.Scoring is PartsScoring ps
            ? ps.Parts.Select((p, j) => new PartResult(p.Id, p.Name, record.PartRaw[m.PartStart + j], p.Points))
            : [];
        return new IndicatorExplanation(card.Indicators[index], m.Indicator, [.. facts], [.. derived], record.Raw[index], [.. rows], [.. parts]);
    }

    private static IEnumerable<TableScoring> Tables(Scoring scoring) => scoring switch
    {
        TableScoring t => [t],
        PartsScoring p => p.Parts.SelectMany(part => Tables(part.Scoring)),
        _ => [],
    };

    private static string RowText(TableRow row) => $"{string.Join(", ", row.When.Select(w => w.Text))} → {row.Then.Text}";

    internal static Text SourceName(Catalogue catalogue, string source) => source switch
    {
        "enterprise" => new Text("企业自报", "enterprise self-report"),
        "survey" => new Text("职工问卷调查", "survey"),
        "reviewer" => new Text("评审员现场评定", "reviewer on site"),
        "park" => new Text("园区填报", "park report"),
        "tenants" => new Text("入驻企业汇总", "aggregated over tenants"),
        _ => catalogue.Departments.TryGetValue(source, out var name) ? name : new Text(source, source),
    };

    /// <summary>The whole explanation as readable text; <paramref name="lang"/> "zh" (default) or "en".</summary>
    public string Render(string lang = "zh")
    {
        var en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var card = ScoreCard;
        var catalogue = card.Plan.Catalogue;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{card.Id} · {catalogue.Title.In(lang)} {catalogue.Version}{(catalogue.Variant is { } v ? " · " + v.Name.In(lang) : "")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{(en ? "Total" : "总分")} {Points(card.Total)} / {Points(catalogue.Total)} · {(en ? "Grade" : "等级")} {card.Grade} {card.GradeName.In(lang)}");
        foreach (var veto in card.Vetoes.Where(v => v.Fired != false))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {(veto.Fired == true ? (en ? "VETO" : "一票否决") : (en ? "veto not decidable (data missing)" : "否决项无法判定（数据缺失）"))} {veto.Id} {veto.Name.In(lang)}");
        foreach (var category in card.Categories)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"{category.Name.In(lang)} {Points(category.Points)} / {Points(category.Max)}");
            foreach (var e in Indicators.Where(i => i.Score.Category == category.Id)) RenderIndicator(sb, e, lang);
        }
        if (card.MissingInputs.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine((en ? "Missing inputs: " : "缺失数据：") + string.Join(", ", card.MissingInputs));
        }
        return sb.ToString();
    }

    /// <summary>The explanation of one indicator as text.</summary>
    public string Render(string indicatorId, string lang)
    {
        var sb = new StringBuilder();
        RenderIndicator(sb, Indicators.Single(i => i.Score.Id == indicatorId), lang);
        return sb.ToString();
    }

    private static void RenderIndicator(StringBuilder sb, IndicatorExplanation e, string lang)
    {
        var en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var s = e.Score;
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {s.Id} {s.Name.In(lang)}: {Points(s.Points)} / {Points(s.Max)} [{StatusText(s.Status, en)}]");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      {(en ? "rule" : "规则")} {CatalogueDoc.Rule(e.Indicator.Scoring, lang).Replace("`", "", StringComparison.Ordinal)}");
        foreach (var f in e.Facts)
        {
            var value = f.Value is null ? (en ? "missing" : "缺失") : Value(f.Value);
            var note = f.Defaulted ? (en ? ", no record: default" : "，无记录取默认值") : "";
            sb.AppendLine(CultureInfo.InvariantCulture, $"      {(en ? "fact" : "事实")} {f.Label.In(lang)} ({f.Id}) = {value}  ({(en ? "source" : "来源")} {f.SourceName.In(lang)}{note})");
        }
        foreach (var d in e.Derived)
            sb.AppendLine(CultureInfo.InvariantCulture, $"      {(en ? "derived" : "派生")} {d.Id} = {d.Expression} = {(d.Value is null ? (en ? "null (missing or division by zero)" : "空（缺失或除数为零）") : Value(d.Value))}");
        foreach (var p in e.Parts)
            sb.AppendLine(CultureInfo.InvariantCulture, $"      {(en ? "part" : "分项")} {p.Name.In(lang)}: {(p.Value is { } v ? Points(v) : "—")} / {Points(p.Points)}");
        foreach (var r in e.Rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"      {(en ? "matched row" : "命中")} {r.Row + 1}: {r.Text}");
        if (e.Indicator.Scoring is TableScoring && e.Rows.IsEmpty && s.Status == IndicatorStatus.Scored)
            sb.AppendLine(en ? "      no row matched: 0" : "      无命中行：0 分");
        if (e.RuleResult is { } raw && s.Status != IndicatorStatus.Missing)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      {(en ? "rule gives" : "规则结果")} {Number(raw)}");
            if (s.Status == IndicatorStatus.Clamped) sb.Append(CultureInfo.InvariantCulture, $" → {(en ? "clamped to" : "截取至")} [0, {Points(e.Indicator.RulePoints)}]");
            if (e.Indicator.RulePoints != e.Indicator.Points) sb.Append(CultureInfo.InvariantCulture, $" × {Points(e.Indicator.Points)}/{Points(e.Indicator.RulePoints)} ({(en ? "re-weighted" : "权重调整")})");
            sb.AppendLine();
        }
    }

    private static string StatusText(IndicatorStatus status, bool en) => status switch
    {
        IndicatorStatus.Scored => en ? "scored" : "已评分",
        IndicatorStatus.Missing => en ? "missing data: 0 points" : "数据缺失，记 0 分",
        IndicatorStatus.Clamped => en ? "clamped" : "已截取",
        _ => en ? "table rows conflict: 0 points" : "决策表命中冲突，记 0 分",
    };

    internal static string Points(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Value(object value) => value switch
    {
        decimal d => Number(d),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
