using System.Globalization;
using System.Text;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Documentation;

/// <summary>
/// Renders a catalogue version as a Markdown reference for rule authors: every parameter, input, derived
/// value, indicator with its rule and sources, veto, grade and variant. Generated from the model only.
/// </summary>
public static class CatalogueDoc
{
    /// <summary>The reference in Chinese ("zh") or English ("en").</summary>
    public static string Render(CatalogueSet set, string lang)
    {
        var l = new Lang(lang);
        var c = set.Base;
        var sb = new StringBuilder();
        sb.AppendLine($"# {c.Title.In(lang)} {c.Version}");
        sb.AppendLine();
        sb.AppendLine(l.T($"> 由 `rules/` 生成（evaluation doc），请勿手工编辑。总分 {Num(c.Total)} 分，{c.Categories.Length} 个一级指标，{c.Indicators.Count()} 个二级指标，{c.Vetoes.Length} 项一票否决。",
                          $"> Generated from `rules/` (evaluation doc); do not edit. {Num(c.Total)} points, {c.Categories.Length} first-level and {c.Indicators.Count()} second-level indicators, {c.Vetoes.Length} vetoes."));
        sb.AppendLine();
        Parameters(sb, c, l);
        Categories(sb, c, l);
        Vetoes(sb, c, l);
        Grades(sb, c, l);
        Inputs(sb, c, l);
        Derived(sb, c, l);
        foreach (var v in set.Variants.Values.OrderBy(v => v.Variant!.Id, StringComparer.Ordinal)) Variant(sb, c, v, l);
        if (set.Park is { } park) Park(sb, park, l);
        if (set.Sme is { } sme) Sme(sb, sme, set.Base, l);
        return sb.ToString();
    }

    private sealed class Lang(string lang)
    {
        public bool En { get; } = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        public string Code => En ? "en" : "zh";
        public string T(string zh, string en) => En ? en : zh;
        public string Of(Text? text) => text?.In(Code) ?? "";
    }

    private static void Parameters(StringBuilder sb, Catalogue c, Lang l)
    {
        sb.AppendLine(l.T("## 参数", "## Parameters"));
        sb.AppendLine();
        sb.AppendLine(l.T("| 参数 | 值 | 依据 | 含义 |", "| parameter | value | basis | meaning |"));
        sb.AppendLine("|---|---|---|---|");
        foreach (var p in c.Parameters)
            sb.AppendLine($"| `{p.Id}` | {Value(p.Value)} | {Basis(p.Basis, l)} | {l.Of(p.Label)} |");
        sb.AppendLine();
    }

    private static void Categories(StringBuilder sb, Catalogue c, Lang l)
    {
        foreach (var category in c.Categories)
        {
            sb.AppendLine($"## {l.Of(category.Name)} `{category.Id}` — {Num(category.Points)}");
            sb.AppendLine();
            sb.AppendLine(l.T("| 编号 | 指标 | 分值 | 方法 | 评分规则 | 数据来源 |", "| id | indicator | points | method | rule | data sources |"));
            sb.AppendLine("|---|---|---|---|---|---|");
            foreach (var i in category.Indicators)
                sb.AppendLine($"| {i.Id} | {l.Of(i.Name)} | {PointsText(i)} | {Method(i.Method, l)} | {Rule(i.Scoring, l)}{Target(c, i, l)} | {Sources(c, i, l)} |");
            sb.AppendLine();
        }
    }

    private static string PointsText(Indicator i) => i.Points == i.RulePoints ? Num(i.Points) : $"{Num(i.Points)} ({Num(i.RulePoints)}→{Num(i.Points)})";

    private static string Target(Catalogue c, Indicator i, Lang l)
    {
        if (i.Target is null) return "";
        var p = c.Parameters.First(p => p.Id == i.Target);
        return l.T($"；目标 `{p.Id}` = {Value(p.Value)}（{Basis(p.Basis, l)}）", $"; target `{p.Id}` = {Value(p.Value)} ({Basis(p.Basis, l)})");
    }

    /// <summary>The rule of an indicator in words, one line (Markdown).</summary>
    public static string Rule(Scoring scoring, string lang) => Rule(scoring, new Lang(lang));

    private static string Rule(Scoring scoring, Lang l) => scoring switch
    {
        ScoreScoring s => $"`{Flat(s.Expression.Text)}`",
        LinearScoring lin => l.T($"线性：`{Flat(lin.Of.Text)}` 在 `{Flat(lin.Zero.Text)}`（0 分）与 `{Flat(lin.Full.Text)}`（满分）之间插值",
                                 $"linear in `{Flat(lin.Of.Text)}` from `{Flat(lin.Zero.Text)}` (0) to `{Flat(lin.Full.Text)}` (full)"),
        LevelsScoring lv => l.T($"定性评定 `{lv.Input}`：", $"reviewer's level `{lv.Input}`: ") +
                            string.Join(", ", lv.Scale.Select(kv => $"{kv.Key} {Num(kv.Value)}")),
        DeductScoring d => l.T("满分起扣：", "full points less ") +
                           string.Join(l.T("，", ", "), d.Items.Select(item => l.T($"每 `{Flat(item.Count.Text)}` 扣 {Num(item.Per)}", $"{Num(item.Per)} per `{Flat(item.Count.Text)}`"))),
        TableScoring t => l.T($"决策表（{Hit(t.Hit)}）", $"decision table ({Hit(t.Hit)}) ") +
                          $"`{string.Join(", ", t.Inputs.Select(i => Flat(i.Text)))}`: " +
                          string.Join("; ", t.Rows.Select(r => $"`{string.Join(", ", r.When.Select(w => Flat(w.Text)))}` → {Flat(r.Then.Text)}")),
        PartsScoring p => string.Join(" **+** ", p.Parts.Select(part => $"{l.Of(part.Name)} ({Num(part.Points)}): {Rule(part.Scoring, l)}")),
        _ => "",
    };

    private static string Hit(HitPolicy hit) => hit switch
    {
        HitPolicy.First => "first",
        HitPolicy.Unique => "unique",
        HitPolicy.Any => "any",
        HitPolicy.CollectSum => "collect-sum",
        HitPolicy.CollectMax => "collect-max",
        _ => "collect-min",
    };

    private static string Sources(Catalogue c, Indicator i, Lang l)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Names(i.Scoring, names);
        var derived = c.Derived.ToDictionary(d => d.Id, d => d.Expression.Text, StringComparer.Ordinal);
        var sources = c.Inputs.Where(input => names.Contains(input.Id) || derived.Where(d => names.Contains(d.Key)).Any(d => d.Value.Contains(input.Id, StringComparison.Ordinal)))
            .Select(input => input.Source).Distinct().Select(s => SourceName(c, s, l));
        return string.Join(l.T("、", ", "), sources);
    }

    private static void Names(Scoring scoring, HashSet<string> names)
    {
        switch (scoring)
        {
            case ScoreScoring s: names.UnionWith(Feel.FeelAnalysis.FreeNames(s.Expression.Ast)); break;
            case LinearScoring lin: names.UnionWith(Feel.FeelAnalysis.FreeNames(lin.Of.Ast)); break;
            case LevelsScoring lv: names.Add(lv.Input); break;
            case DeductScoring d: foreach (var item in d.Items) names.UnionWith(Feel.FeelAnalysis.FreeNames(item.Count.Ast)); break;
            case TableScoring t: foreach (var input in t.Inputs) names.UnionWith(Feel.FeelAnalysis.FreeNames(input.Ast)); break;
            case PartsScoring p: foreach (var part in p.Parts) Names(part.Scoring, names); break;
        }
    }

    private static void Vetoes(StringBuilder sb, Catalogue c, Lang l)
    {
        sb.AppendLine(l.T("## 一票否决", "## One-vote veto"));
        sb.AppendLine();
        sb.AppendLine(l.T("| 编号 | 情形 | 条件 | 来源 |", "| id | case | condition | source |"));
        sb.AppendLine("|---|---|---|---|");
        foreach (var v in c.Vetoes) sb.AppendLine($"| {v.Id} | {l.Of(v.Name)} | `{Flat(v.When.Text)}` | {SourceName(c, v.Source, l)} |");
        sb.AppendLine();
    }

    private static void Grades(StringBuilder sb, Catalogue c, Lang l)
    {
        sb.AppendLine(l.T("## 评价等级（按顺序取第一个成立者）", "## Grades (the first that holds)"));
        sb.AppendLine();
        sb.AppendLine(l.T("| 等级 | 含义 | 条件 |", "| grade | meaning | condition |"));
        sb.AppendLine("|---|---|---|");
        foreach (var g in c.Grades) sb.AppendLine($"| {g.Grade} | {l.Of(g.Name)} | `{Flat(g.When.Text)}` |");
        sb.AppendLine();
    }

    private static void Inputs(StringBuilder sb, Catalogue c, Lang l)
    {
        sb.AppendLine(l.T("## 输入数据", "## Inputs"));
        sb.AppendLine();
        sb.AppendLine(l.T("| 输入 | 名称 | 类型 | 单位 | 来源 | 无记录时 | 说明 |", "| input | label | type | unit | source | when absent | help |"));
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var i in c.Inputs)
        {
            var type = i.Type.ToString().ToLowerInvariant() + (i.Values.IsEmpty ? "" : $" ({string.Join(", ", i.Values)})");
            var absent = i.Default is { } d ? Value(d) : i.Required ? l.T("必填", "required") : l.T("缺失", "missing");
            sb.AppendLine($"| `{i.Id}` | {l.Of(i.Label)} | {type} | {l.Of(i.Unit)} | {SourceName(c, i.Source, l)} | {absent} | {l.Of(i.Help)} |");
        }
        sb.AppendLine();
    }

    private static void Derived(StringBuilder sb, Catalogue c, Lang l)
    {
        if (c.Derived.IsEmpty) return;
        sb.AppendLine(l.T("## 派生值（除数为零时为空）", "## Derived values (null on division by zero)"));
        sb.AppendLine();
        foreach (var d in c.Derived) sb.AppendLine($"- `{d.Id}` = `{Flat(d.Expression.Text)}` {l.Of(d.Label)}");
        sb.AppendLine();
    }

    private static void Variant(StringBuilder sb, Catalogue b, Catalogue v, Lang l)
    {
        sb.AppendLine($"## {l.T("行业细则", "Industry variant")}: {l.Of(v.Variant!.Name)} `{v.Variant.Id}` ({string.Join(", ", v.Variant.Industries)})");
        sb.AppendLine();
        var baseIds = b.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var i in v.Indicators)
        {
            if (!baseIds.TryGetValue(i.Id, out var old))
                sb.AppendLine($"- {l.T("新增", "adds")} {i.Id} {l.Of(i.Name)} ({Num(i.Points)}): {Rule(i.Scoring, l)}");
            else if (old.Points != i.Points)
                sb.AppendLine($"- {i.Id} {l.Of(i.Name)}: {Num(old.Points)} → {Num(i.Points)}");
            else if (old.Position != i.Position)
                sb.AppendLine($"- {l.T("替换", "replaces")} {i.Id} {l.Of(i.Name)}: {Rule(i.Scoring, l)}");
        }
        foreach (var removed in b.Indicators.Where(i => v.Indicators.All(x => x.Id != i.Id)))
            sb.AppendLine($"- {l.T("删除", "removes")} {removed.Id} {l.Of(removed.Name)}");
        foreach (var p in v.Parameters.Where(p => !Equals(b.Parameters.First(x => x.Id == p.Id).Value, p.Value)))
            sb.AppendLine($"- {l.T("参数", "parameter")} `{p.Id}` = {Value(p.Value)}");
        foreach (var veto in v.Vetoes.Where(x => b.Vetoes.All(y => y.Id != x.Id)))
            sb.AppendLine($"- {l.T("一票否决", "veto")} {veto.Id} {l.Of(veto.Name)}: `{Flat(veto.When.Text)}`");
        sb.AppendLine();
    }

    private static void Park(StringBuilder sb, Catalogue park, Lang l)
    {
        sb.AppendLine($"## {l.Of(park.Title)} `{park.Id}` — {Num(park.Total)}");
        sb.AppendLine();
        foreach (var category in park.Categories)
        {
            sb.AppendLine($"### {l.Of(category.Name)} — {Num(category.Points)}");
            sb.AppendLine();
            foreach (var i in category.Indicators) sb.AppendLine($"- {i.Id} {l.Of(i.Name)} ({Num(i.Points)}): {Rule(i.Scoring, l)}");
            sb.AppendLine();
        }
        var aggregates = park.Inputs.Where(i => i.Aggregate is not null).ToList();
        if (aggregates.Count > 0)
        {
            sb.AppendLine(l.T("### 入驻企业汇总输入", "### Inputs aggregated over tenants"));
            sb.AppendLine();
            foreach (var i in aggregates)
            {
                var a = i.Aggregate!;
                sb.AppendLine($"- `{i.Id}` {l.Of(i.Label)}: {a.Function}" +
                              (a.Of is null ? "" : $" of `{Flat(a.Of.Text)}`") + (a.Weight is null ? "" : $" weighted by `{Flat(a.Weight.Text)}`") +
                              (a.Where is null ? "" : $" where `{Flat(a.Where.Text)}`"));
            }
            sb.AppendLine();
        }
        sb.AppendLine(l.T("园区一票否决：", "Park vetoes: ") + string.Join("; ", park.Vetoes.Select(v => $"{v.Id} {l.Of(v.Name)} `{Flat(v.When.Text)}`")));
        sb.AppendLine();
    }

    private static void Sme(StringBuilder sb, SmeScheme sme, Catalogue b, Lang l)
    {
        sb.AppendLine($"## {l.Of(sme.Name)} `{sme.Id}`");
        sb.AppendLine();
        sb.AppendLine(l.T($"模块得分达到满分的 {Num(sme.Pass * 100)}% 且未触发一票否决即为通过。", $"A module passes at {Num(sme.Pass * 100)} % of its points with no veto."));
        sb.AppendLine();
        sb.AppendLine(l.T("| 模块 | 名称 | 指标 | 满分 |", "| module | name | indicators | points |"));
        sb.AppendLine("|---|---|---|---|");
        var points = b.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);
        foreach (var m in sme.Modules)
            sb.AppendLine($"| {m.Id} | {l.Of(m.Name)} | {string.Join(", ", m.Indicators)} | {Num(m.Indicators.Sum(i => points[i]))} |");
        sb.AppendLine();
        sb.AppendLine(l.T("| 等级 | 名称 | 条件 | 现场评审 |", "| level | name | requires | on-site review |"));
        sb.AppendLine("|---|---|---|---|");
        foreach (var level in sme.Levels)
        {
            var requires = new List<string>();
            if (!level.Modules.IsEmpty) requires.Add(l.T("通过 ", "passes ") + string.Join(" + ", level.Modules));
            if (level.ModulesAtLeast is { } n) requires.Add(l.T($"至少通过 {n} 个模块", $"at least {n} modules"));
            if (!level.Grades.IsEmpty) requires.Add(l.T("全指标等级 ", "full-index grade ") + string.Join("/", level.Grades));
            sb.AppendLine($"| {level.Id} | {l.Of(level.Name)} | {string.Join(l.T("，", "; "), requires)} | {(level.OnsiteReview ? l.T("需要", "yes") : l.T("不需要", "no"))} |");
        }
        sb.AppendLine();
        var p = sme.Promotion;
        sb.AppendLine(l.T(
            $"滚动晋级：每个年度周期至多晋升 {p.StepsPerCycle} 级；每一级须保持 {Zh(p.Hold)}方可晋升下一级；证书有效期 {Zh(p.Validity)}；触发一票否决即撤销，{Zh(p.VetoWait)}后方可重新申报；到期未复评降 {p.LapseDrop} 级。",
            $"Rolling promotion: at most {p.StepsPerCycle} level up per annual cycle; a level is held {En(p.Hold)} before the next; certificates are valid {En(p.Validity)}; a veto revokes at once with a {En(p.VetoWait, adjective: true)} wait before re-applying; a lapsed renewal drops {p.LapseDrop} level."));
        sb.AppendLine();
    }

    // A promotion window in words: whole years from two years up (P3Y: 3 years), otherwise months (P12M: 12 months).
    private static (long Count, bool Years) Words(FeelYearsMonths d) => d.Months % 12 == 0 && d.Months >= 24 ? (d.Months / 12, true) : (d.Months, false);

    private static string Zh(FeelYearsMonths d) => Words(d) is var (n, years) && years ? $"{n} 年" : $"{n} 个月";

    private static string En(FeelYearsMonths d, bool adjective = false)
    {
        var (n, years) = Words(d);
        var unit = years ? "year" : "month";
        return adjective ? $"{n}-{unit}" : $"{n} {unit}{(n == 1 ? "" : "s")}";
    }

    private static string SourceName(Catalogue c, string source, Lang l) => source switch
    {
        "enterprise" => l.T("企业自报", "enterprise"),
        "survey" => l.T("职工问卷", "survey"),
        "reviewer" => l.T("评审员", "reviewer"),
        "park" => l.T("园区", "park"),
        "tenants" => l.T("入驻企业汇总", "tenants"),
        _ => c.Departments.TryGetValue(source, out var name) ? l.Of(name) : source,
    };

    private static string Method(IndicatorMethod m, Lang l) => m switch
    {
        IndicatorMethod.Quantitative => l.T("定量", "quantitative"),
        IndicatorMethod.SemiQuantitative => l.T("半定量", "semi-quantitative"),
        _ => l.T("定性", "qualitative"),
    };

    private static string Basis(ParameterBasis b, Lang l) => b switch
    {
        ParameterBasis.Legal => l.T("法定标准", "legal"),
        ParameterBasis.Social => l.T("社会标准", "social"),
        _ => l.T("近三年平均", "3-year average"),
    };

    // Multi-line FEEL would break a Markdown table row.
    private static string Flat(string feel) => string.Join(' ', feel.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Num(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Value(object v) => v switch
    {
        decimal d => Num(d),
        bool b => b ? "true" : "false",
        _ => v.ToString() ?? "",
    };
}
