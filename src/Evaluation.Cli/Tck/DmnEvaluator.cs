using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

/// <summary>
/// Evaluates the decisions of one model for one test case through compiled FEEL. FEEL type errors that the
/// catalogue checker would refuse are allowed here: the TCK tests their run-time meaning (null).
/// </summary>
internal sealed class DmnEvaluator(DmnModel model, IReadOnlyDictionary<string, object?> inputs)
{
    private readonly Dictionary<string, object?> _decided = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    public object? Decide(string name)
    {
        if (_decided.TryGetValue(name, out var known)) return known;
        if (!model.Decisions.TryGetValue(name, out var decision)) throw new TckUnsupportedException($"no decision named '{name}'");
        if (!_evaluating.Add(name)) throw new InvalidOperationException($"decision '{name}' depends on itself");
        var value = decision.Logic.Name.LocalName switch
        {
            "literalExpression" => Literal(decision.Logic),
            "decisionTable" => Table(decision.Logic),
            var other => throw new TckUnsupportedException($"boxed expression '{other}' is outside the subset"),
        };
        _evaluating.Remove(name);
        return _decided[name] = Conform(value, model.LooseTypeOf(decision.TypeRef));
    }

    // DMN's type conformance of a decision's result: a singleton list is its item where one value is declared
    // (and a value a one-item list where a list is), and a value of another type is null.
    private static object? Conform(object? value, FeelType declared)
    {
        if (value is null || declared.IsLoose) return value;
        if (declared.Kind != FeelTypeKind.List && value is IReadOnlyList<object?> { Count: 1 } single) value = single[0];
        if (declared.Kind == FeelTypeKind.List && value is not IReadOnlyList<object?>) value = new[] { value };
        if (value is null) return null;
        var actual = FeelType.Of(value).Kind;
        if (actual != declared.Kind) return null;
        if (declared is { Kind: FeelTypeKind.List, Element: { IsLoose: false } item } && value is IReadOnlyList<object?> items)
            return items.All(i => i is null || FeelType.Of(i).Kind == item.Kind) ? value : null;
        return value;
    }

    private object? Lookup(string name)
    {
        if (model.Inputs.TryGetValue(name, out var typeRef))
        {
            model.TypeOf(typeRef);
            return inputs.GetValueOrDefault(name);
        }
        return model.Decisions.ContainsKey(name) ? Decide(name) : null;
    }

    private FeelType? Resolve(string name) =>
        model.Inputs.TryGetValue(name, out var typeRef) ? model.TypeOf(typeRef)
        : model.Decisions.TryGetValue(name, out var d) ? model.LooseTypeOf(d.TypeRef)
        : null;

    private static string Text(XElement e) => DmnModel.Child(e, "text")?.Value ?? "";

    private object? Literal(XElement logic) => Expression(Text(logic));

    private object? Expression(string text)
    {
        var expr = Parse(() => FeelParser.ParseExpression(text, model.Names));
        var diagnostics = new List<FeelDiagnostic>();
        FeelTypeChecker.Check(expr, Resolve, diagnostics);
        ThrowIfOutsideSubset(diagnostics);
        return FeelCompiler.CompileDelegate(expr, Resolve)(Lookup);
    }

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FeelException e) when (e.Diagnostics.Any(d => d.Message.Contains("outside the subset", StringComparison.Ordinal)))
        {
            throw new TckUnsupportedException(e.Diagnostics.First(d => d.Message.Contains("outside the subset", StringComparison.Ordinal)).Message);
        }
    }

    private static void ThrowIfOutsideSubset(List<FeelDiagnostic> diagnostics)
    {
        var outside = diagnostics.FirstOrDefault(d => d.Message.Contains("outside the subset", StringComparison.Ordinal)
            || d.Message.StartsWith("unknown name", StringComparison.Ordinal));
        if (outside is not null) throw new TckUnsupportedException(outside.Message);
    }

    // ---- decision tables ----

    private object? Table(XElement table)
    {
        var columns = DmnModel.Children(table, "input").Select(InputColumn).ToList();
        var outputs = DmnModel.Children(table, "output").ToList();
        var matched = DmnModel.Children(table, "rule").Where(rule => Matches(rule, columns)).Select(rule => Outputs(rule, outputs)).ToList();
        var hitPolicy = (string?)table.Attribute("hitPolicy") ?? "UNIQUE";
        return hitPolicy switch
        {
            "UNIQUE" => matched.Count switch { 0 => Default(outputs), 1 => matched[0], _ => null },
            "FIRST" => matched.Count == 0 ? Default(outputs) : matched[0],
            "ANY" => matched.Count == 0 ? Default(outputs) : matched.All(m => TckValues.Same(matched[0], m)) ? matched[0] : null,
            "COLLECT" or "RULE ORDER" => Collect((string?)table.Attribute("aggregation"), matched),
            _ => throw new TckUnsupportedException($"hit policy {hitPolicy} is outside the subset"),
        };
    }

    private (object? Value, FeelType Type) InputColumn(XElement input)
    {
        var expression = DmnModel.Child(input, "inputExpression")!;
        var value = Expression(Text(expression));
        var declared = (string?)expression.Attribute("typeRef");
        return (value, declared is null ? FeelType.Any : model.LooseTypeOf(declared));
    }

    private bool Matches(XElement rule, List<(object? Value, FeelType Type)> columns)
    {
        var entries = DmnModel.Children(rule, "inputEntry").ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var tests = Parse(() => FeelParser.ParseUnaryTests(Text(entries[i]), model.Names));
            var diagnostics = new List<FeelDiagnostic>();
            FeelTypeChecker.CheckUnaryTests(tests, columns[i].Type, Resolve, diagnostics);
            ThrowIfOutsideSubset(diagnostics);
            if (!FeelCompiler.CompileUnaryTestsDelegate(tests, columns[i].Type, Resolve)(columns[i].Value, Lookup)) return false;
        }
        return true;
    }

    private object? Outputs(XElement rule, List<XElement> outputs)
    {
        var values = DmnModel.Children(rule, "outputEntry").Select(e => Expression(Text(e))).ToList();
        return outputs.Count == 1 ? values[0] : OutputContext(outputs, values);
    }

    private static FeelContext OutputContext(List<XElement> outputs, List<object?> values) =>
        new(outputs.Select((o, i) => KeyValuePair.Create((string)o.Attribute("name")!, values[i])));

    private object? Default(List<XElement> outputs)
    {
        var defaults = outputs.Select(o => DmnModel.Child(o, "defaultOutputEntry") is { } d ? Expression(Text(d)) : null).ToList();
        if (defaults.All(d => d is null)) return null;
        return outputs.Count == 1 ? defaults[0] : OutputContext(outputs, defaults);
    }

    private static object? Collect(string? aggregation, List<object?> matched) => aggregation switch
    {
        null => matched.ToArray(),
        "COUNT" => (decimal)matched.Count,
        "SUM" => matched.Count == 0 ? null : FeelInterpreter.CallBuiltin("sum", [matched.ToArray()]),
        "MIN" => FeelInterpreter.CallBuiltin("min", [matched.ToArray()]),
        "MAX" => FeelInterpreter.CallBuiltin("max", [matched.ToArray()]),
        _ => throw new TckUnsupportedException($"aggregation {aggregation} is outside the subset"),
    };
}
