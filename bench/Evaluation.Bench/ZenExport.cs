using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Evaluation.Engine;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Bench;

/// <summary>
/// Issue 8 item 2: a catalogue as a GoRules ZEN JSON decision model (JDM), so the peer engine scores the same
/// population. The graph: input → "defaults" (expression node: each defaulted input's default when absent) →
/// "derived" (derived values, null on a null operand or a zero divisor) → "missing" (each indicator's missing-data
/// flag, from its static read set as the engine computes it) → one decision table per <c>table</c> scoring
/// (hit policy first) → "score" (every indicator's points: the rule clamped, re-weighted and rounded half up to
/// 2 decimals; parts; categories; total; vetoes; grade) → output.
/// ZEN's expression language has no null propagation (null + 1 is an error, not null), so every operation whose
/// operand can be null is written with an explicit guard that gives FEEL's three-valued result; inside an
/// indicator whose reads are present no guards are needed. Parameters are inlined as literals.
/// Throws <see cref="NotSupportedException"/> naming the construct when a rule cannot be expressed.
/// </summary>
public sealed class ZenExport
{
    private readonly Catalogue _catalogue;
    private readonly PlanMetadata _meta;
    private readonly Dictionary<string, decimal> _parameters;
    private readonly HashSet<string> _inputs;
    private readonly HashSet<string> _derived;
    private readonly Dictionary<string, string> _ownKeys = new(StringComparer.Ordinal);   // names computed in the current node → $.key
    private HashSet<string> _present = new(StringComparer.Ordinal);
    private int _tables;

    private ZenExport(ScoringPlan plan)
    {
        _catalogue = plan.Catalogue;
        _meta = plan.Metadata;
        _parameters = _catalogue.Parameters.Where(p => p.Value is decimal).ToDictionary(p => p.Id, p => (decimal)p.Value, StringComparer.Ordinal);
        _inputs = _catalogue.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        _derived = _catalogue.Derived.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The JDM of the plan's catalogue.</summary>
    public static JsonObject Model(ScoringPlan plan) => new ZenExport(plan).Build();

    /// <summary>The key the "score" node writes an indicator's points under.</summary>
    public static string PointsKey(string indicatorId) => "p_" + Key(indicatorId);

    private static string Key(string id) => id.Replace('-', '_');

    private JsonObject Build()
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        string? previous = null;
        void Add(JsonObject node)
        {
            nodes.Add(node);
            var id = (string)node["id"]!;
            if (previous is not null) edges.Add(new JsonObject { ["id"] = $"e{edges.Count}", ["sourceId"] = previous, ["targetId"] = id, ["type"] = "edge" });
            previous = id;
        }

        Add(new JsonObject { ["id"] = "input", ["type"] = "inputNode", ["name"] = "request", ["position"] = Position() });

        var defaults = new List<(string, string)>();
        foreach (var input in _catalogue.Inputs.Where(i => i.Default is not null))
            defaults.Add((input.Id, $"{input.Id} == null ? {Literal(input.Default)} : {input.Id}"));
        Add(Expressions("defaults", defaults, passThrough: true));

        var derived = new List<(string, string)>();
        foreach (var d in _catalogue.Derived)
        {
            derived.Add((d.Id, Zen(d.Expression.Ast).Text));
            _ownKeys[d.Id] = "$." + d.Id;
        }
        _ownKeys.Clear();
        Add(Expressions("derived", derived, passThrough: true));

        var missing = new List<(string, string)>();
        var index = 0;
        foreach (var indicator in _catalogue.Indicators)
        {
            var reads = _meta.Indicators[index++].Reads;
            missing.Add(("m_" + Key(indicator.Id), reads.Length == 0 ? "false" : string.Join(" or ", reads.Select(r => $"{r} == null"))));
        }
        Add(Expressions("missing", missing, passThrough: true));

        // Decision tables first (they feed the score node), one per table in catalogue order.
        var score = new List<(string, string)>();
        var tableNodes = new List<JsonObject>();
        index = 0;
        foreach (var indicator in _catalogue.Indicators)
        {
            var m = "m_" + Key(indicator.Id);
            _present = _meta.Indicators[index++].Reads.ToHashSet(StringComparer.Ordinal);
            var raw = Scoring(indicator.Scoring, indicator.RulePoints, m, Key(indicator.Id), tableNodes, score);
            var rawKey = "r_" + Key(indicator.Id);
            score.Add((rawKey, $"{m} ? null : ({raw.Text})"));
            _ownKeys[rawKey] = "$." + rawKey;
            var clamped = $"max([0, min([{Number(indicator.RulePoints)}, $.{rawKey}])])";
            var weighted = indicator.Points == indicator.RulePoints ? clamped : $"{clamped} * {Number(indicator.Points)} / {Number(indicator.RulePoints)}";
            score.Add((PointsKey(indicator.Id), $"$.{rawKey} == null ? 0 : round({weighted}, 2)"));
            _ownKeys[PointsKey(indicator.Id)] = "$." + PointsKey(indicator.Id);
        }
        _present = new(StringComparer.Ordinal);
        foreach (var table in tableNodes) Add(table);

        var categoryKeys = new List<string>();
        foreach (var category in _catalogue.Categories)
        {
            var key = "c_" + Key(category.Id);
            score.Add((key, category.Indicators.Length == 0 ? "0" : string.Join(" + ", category.Indicators.Select(i => "$." + PointsKey(i.Id)))));
            _ownKeys[category.Id] = "$." + key;
            categoryKeys.Add("$." + key);
        }
        score.Add(("total", categoryKeys.Count == 0 ? "0" : string.Join(" + ", categoryKeys)));
        _ownKeys["total"] = "$.total";
        var vetoKeys = new List<string>();
        foreach (var veto in _catalogue.Vetoes)
        {
            var key = "v_" + Key(veto.Id);
            score.Add((key, Zen(veto.When.Ast).Text));
            vetoKeys.Add($"$.{key} == true");
        }
        score.Add(("vetoed", vetoKeys.Count == 0 ? "false" : string.Join(" or ", vetoKeys)));
        _ownKeys["vetoed"] = "$.vetoed";
        var grade = "\"-\"";
        foreach (var band in _catalogue.Grades.Reverse()) grade = $"({Zen(band.When.Ast).Text}) == true ? {JsonSerializer.Serialize(band.Grade)} : ({grade})";
        score.Add(("grade", grade));
        _ownKeys.Clear();
        Add(Expressions("score", score, passThrough: false));
        Add(new JsonObject { ["id"] = "output", ["type"] = "outputNode", ["name"] = "response", ["position"] = Position() });
        return new JsonObject { ["contentType"] = "application/vnd.gorules.decision", ["nodes"] = nodes, ["edges"] = edges };
    }

    private readonly record struct Z(string Text, bool Nullable);

    // An indicator's (or part's) rule as ZEN text, evaluated only when its reads are present.
    private Z Scoring(Scoring scoring, decimal points, string missing, string key, List<JsonObject> tables, List<(string, string)> score)
    {
        switch (scoring)
        {
            case ScoreScoring s:
                return Zen(s.Expression.Ast);
            case LinearScoring l:
                var (of, zero, full) = (Zen(l.Of.Ast), Zen(l.Zero.Ast), Zen(l.Full.Ast));
                if (of.Nullable || zero.Nullable || full.Nullable) throw new NotSupportedException($"{key}: lin() over a value that can be null");
                return new($"max([0, min([{Number(points)}, {Number(points)} * (({of.Text}) - ({zero.Text})) / (({full.Text}) - ({zero.Text}))])])", false);
            case LevelsScoring lv:
                var chain = "null";
                foreach (var (level, fraction) in lv.Scale.Reverse()) chain = $"{lv.Input} == {JsonSerializer.Serialize(level)} ? {Number(points)} * {Number(fraction)} : ({chain})";
                return new(chain, true);
            case DeductScoring d:
                var terms = d.Items.Select(i => Zen(i.Count.Ast)).ToList();
                if (terms.Any(t => t.Nullable)) throw new NotSupportedException($"{key}: a deduction count that can be null");
                return new(Number(points) + string.Concat(d.Items.Select((item, i) => $" - {Number(item.Per)} * ({terms[i].Text})")), false);
            case PartsScoring p:
                var parts = new List<string>();
                var nullable = false;
                foreach (var part in p.Parts)
                {
                    var raw = Scoring(part.Scoring, part.Points, missing, key + "_" + part.Id, tables, score);
                    var partKey = "q_" + key + "_" + Key(part.Id);
                    var clamp = part.IsPenalty ? "min([0, X])" : $"max([0, min([{Number(part.Points)}, X])])";
                    score.Add((partKey, raw.Nullable
                        ? $"{missing} ? null : (({raw.Text}) == null ? null : {clamp.Replace("X", $"({raw.Text})", StringComparison.Ordinal)})"
                        : $"{missing} ? null : {clamp.Replace("X", $"({raw.Text})", StringComparison.Ordinal)}"));
                    parts.Add("$." + partKey);
                    nullable |= raw.Nullable;
                }
                return nullable
                    ? new($"{string.Join(" or ", parts.Select(x => x + " == null"))} ? null : {string.Join(" + ", parts)}", true)
                    : new(string.Join(" + ", parts), false);
            case TableScoring t:
                return Table(t, missing, tables);
            default:
                throw new NotSupportedException($"{key}: scoring form {scoring.GetType().Name}");
        }
    }

    // A decision table node; its columns read a harmless value when the indicator is missing (ZEN's unary tests
    // fail on null), and the score node ignores the table then.
    private Z Table(TableScoring table, string missing, List<JsonObject> tables)
    {
        if (table.Hit != HitPolicy.First) throw new NotSupportedException($"hit policy {table.Hit}: only 'first' is exported");
        var id = "t" + _tables++;
        var inputs = new JsonArray();
        for (var c = 0; c < table.Inputs.Length; c++)
        {
            var column = Zen(table.Inputs[c].Ast);
            var type = FeelTypeOfColumn(table, c);
            var harmless = type == FeelTypeKind.Number ? "0" : type == FeelTypeKind.Boolean ? "false" : "\"\"";
            inputs.Add(new JsonObject { ["id"] = $"{id}_i{c}", ["name"] = table.Inputs[c].Text, ["field"] = $"{missing} ? {harmless} : ({column.Text})" });
        }
        var rules = new JsonArray();
        for (var r = 0; r < table.Rows.Length; r++)
        {
            var rule = new JsonObject { ["_id"] = $"{id}_r{r}" };
            for (var c = 0; c < table.Inputs.Length; c++) rule[$"{id}_i{c}"] = Cell(table.Rows[r].When[c].Tests);
            var then = Zen(table.Rows[r].Then.Ast);
            rule[$"{id}_o"] = then.Text;
            rules.Add(rule);
        }
        tables.Add(new JsonObject
        {
            ["id"] = id, ["type"] = "decisionTableNode", ["name"] = id, ["position"] = Position(),
            ["content"] = new JsonObject
            {
                ["hitPolicy"] = "first", ["passThrough"] = true, ["inputField"] = null, ["outputPath"] = null, ["executionMode"] = "single",
                ["inputs"] = inputs,
                ["outputs"] = new JsonArray(new JsonObject { ["id"] = $"{id}_o", ["name"] = id, ["field"] = id }),
                ["rules"] = rules,
            },
        });
        // First hit with no row matched is 0.
        return new($"{id} == null ? 0 : {id}", false);
    }

    // A column that is one input has that input's type; any other column (a derived value, an expression) is a number.
    private FeelTypeKind FeelTypeOfColumn(TableScoring table, int c) =>
        table.Inputs[c].Ast is NameExpr n && _catalogue.FindInput(n.Name) is { } input
            ? input.Type switch
            {
                InputType.Integer or InputType.Decimal => FeelTypeKind.Number,
                InputType.Boolean => FeelTypeKind.Boolean,
                _ => FeelTypeKind.String,
            }
            : FeelTypeKind.Number;

    private string Cell(UnaryTests tests)
    {
        if (tests.MatchesAnything) return "";
        if (tests.Negated) throw new NotSupportedException("a negated cell not(...)");
        return string.Join(", ", tests.Tests.Select(t => t switch
        {
            ComparisonTest c => $"{Operator(c.Operator)} {Zen(c.Operand).Text}",
            ValueTest { Value: RangeExpr r } => $"{(r.StartIncluded ? "[" : "(")}{Zen(r.Start).Text}..{Zen(r.End).Text}{(r.EndIncluded ? "]" : ")")}",
            ValueTest v => Zen(v.Value).Text,
            _ => throw new NotSupportedException($"cell test {t.GetType().Name}"),
        }));
    }

    // ---- FEEL → ZEN expressions, with FEEL's null semantics made explicit ----

    private Z Zen(FeelExpr expr)
    {
        switch (expr)
        {
            case NumberLiteral n: return new(Number(n.Value), false);
            case StringLiteral s: return new(JsonSerializer.Serialize(s.Value), false);
            case BooleanLiteral b: return new(b.Value ? "true" : "false", false);
            case NullLiteral: return new("null", true);
            case NameExpr name:
                if (_parameters.TryGetValue(name.Name, out var value)) return new(Number(value), false);
                if (_ownKeys.TryGetValue(name.Name, out var own)) return new(own, name.Name != "total" && !_catalogue.Categories.Any(c => c.Id == name.Name) && name.Name != "vetoed");
                if (_inputs.Contains(name.Name) || _derived.Contains(name.Name)) return new(name.Name, !_present.Contains(name.Name));
                throw new NotSupportedException($"name {name.Name}");
            case NegateExpr neg:
                var o = Zen(neg.Operand);
                return o.Nullable ? new($"(({o.Text}) == null ? null : -({o.Text}))", true) : new($"(-({o.Text}))", false);
            case BinaryExpr bin:
                return Binary(bin);
            case IfExpr iff:
                var (c, t, e) = (Zen(iff.Condition), Zen(iff.Then), Zen(iff.Else));
                return new($"(({c.Text}) == true ? ({t.Text}) : ({e.Text}))", t.Nullable || e.Nullable);
            case InExpr { Tests: [ValueTest { Value: ListExpr list }] } @in when list.Items.All(i => i is StringLiteral or NumberLiteral):
                var v = Zen(@in.Value);
                var items = "[" + string.Join(", ", list.Items.Select(i => Zen(i).Text)) + "]";
                return v.Nullable ? new($"(({v.Text}) == null ? null : ({v.Text}) in {items})", true) : new($"(({v.Text}) in {items})", false);
            case BetweenExpr between:
                return Binary(new BinaryExpr(FeelBinaryOperator.And,
                    new BinaryExpr(FeelBinaryOperator.GreaterOrEqual, between.Value, between.Low, between.Position),
                    new BinaryExpr(FeelBinaryOperator.LessOrEqual, between.Value, between.High, between.Position), between.Position));
            case CallExpr call when call.Function is "min" or "max" or "sum":
                var args = call.Arguments.Select(a => a.Value).ToList();
                if (args is [ListExpr l]) args = [.. l.Items];
                var zs = args.Select(Zen).ToList();
                var text = $"{call.Function}([{string.Join(", ", zs.Select(z => z.Text))}])";
                return zs.Any(z => z.Nullable)
                    ? new($"({string.Join(" or ", zs.Where(z => z.Nullable).Select(z => $"({z.Text}) == null"))} ? null : {text})", true)
                    : new(text, false);
            default:
                throw new NotSupportedException($"FEEL {expr.GetType().Name} ({expr})");
        }
    }

    private Z Binary(BinaryExpr bin)
    {
        var (l, r) = (Zen(bin.Left), Zen(bin.Right));
        var op = bin.Operator;
        if (op is FeelBinaryOperator.And or FeelBinaryOperator.Or)
        {
            if (!l.Nullable && !r.Nullable) return new($"(({l.Text}) {(op == FeelBinaryOperator.And ? "and" : "or")} ({r.Text}))", false);
            // three-valued: and is false if either is false, null if either is null, else true (or: dually)
            var (decisive, other) = op == FeelBinaryOperator.And ? ("false", "true") : ("true", "false");
            return new($"(({l.Text}) == {decisive} or ({r.Text}) == {decisive} ? {decisive} : (({l.Text}) == null or ({r.Text}) == null ? null : {other}))", true);
        }
        if (op is FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual)
            return new($"(({l.Text}) {(op == FeelBinaryOperator.Equal ? "==" : "!=")} ({r.Text}))", false);
        if (op == FeelBinaryOperator.Power) throw new NotSupportedException("**");
        var symbol = op switch
        {
            FeelBinaryOperator.Add => "+", FeelBinaryOperator.Subtract => "-", FeelBinaryOperator.Multiply => "*", FeelBinaryOperator.Divide => "/",
            _ => Operator(op),
        };
        var core = $"({l.Text}) {symbol} ({r.Text})";
        var zeroDivisor = op == FeelBinaryOperator.Divide && !(bin.Right is NumberLiteral { Value: not 0m } || (bin.Right is NameExpr p && _parameters.TryGetValue(p.Name, out var pv) && pv != 0m));
        var guards = new List<string>();
        if (l.Nullable) guards.Add($"({l.Text}) == null");
        if (r.Nullable) guards.Add($"({r.Text}) == null");
        if (zeroDivisor) guards.Add($"({r.Text}) == 0");
        return guards.Count == 0 ? new($"({core})", false) : new($"({string.Join(" or ", guards)} ? null : {core})", true);
    }

    private static string Operator(FeelBinaryOperator op) => op switch
    {
        FeelBinaryOperator.Less => "<", FeelBinaryOperator.LessOrEqual => "<=", FeelBinaryOperator.Greater => ">",
        FeelBinaryOperator.GreaterOrEqual => ">=", FeelBinaryOperator.Equal => "==", FeelBinaryOperator.NotEqual => "!=",
        _ => throw new NotSupportedException(op.ToString()),
    };

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Literal(object? value) => value switch
    {
        decimal d => Number(d),
        bool b => b ? "true" : "false",
        string s => JsonSerializer.Serialize(s),
        _ => throw new NotSupportedException($"default {value}"),
    };

    private static JsonObject Expressions(string id, List<(string Key, string Value)> rows, bool passThrough) => new()
    {
        ["id"] = id, ["type"] = "expressionNode", ["name"] = id, ["position"] = Position(),
        ["content"] = new JsonObject
        {
            ["passThrough"] = passThrough, ["inputField"] = null, ["outputPath"] = null, ["executionMode"] = "single",
            ["expressions"] = new JsonArray([.. rows.Select((r, i) => (JsonNode)new JsonObject { ["id"] = $"{id}{i}", ["key"] = r.Key, ["value"] = r.Value })]),
        },
    };

    private static JsonObject Position() => new() { ["x"] = 0, ["y"] = 0 };
}
