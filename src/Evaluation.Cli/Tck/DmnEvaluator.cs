using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

/// <summary>
/// Evaluates the decisions of one model for one test case through compiled FEEL. FEEL type errors that the
/// catalogue checker would refuse are allowed here: the TCK tests their run-time meaning (null).
/// Boxed expressions (contexts, invocations, relations, lists, conditionals, filters, iterators, function
/// definitions) are evaluated here, each FEEL text inside them compiled once per model and position;
/// business knowledge models and decision services are function values.
/// </summary>
internal sealed class DmnEvaluator
{
    private readonly DmnModel _model;
    private readonly IReadOnlyDictionary<string, object?> _inputs;
    private readonly IReadOnlySet<string>? _parameters;
    private readonly Dictionary<string, object?> _decided = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    /// <param name="model">The model.</param>
    /// <param name="inputs">The values of its input data (or of a decision service's parameters).</param>
    /// <param name="parameters">
    /// When set, the evaluator runs inside a decision service: these input decisions and input data are the
    /// service's parameters (read from <paramref name="inputs"/>, never evaluated), and nothing else is input.
    /// </param>
    public DmnEvaluator(DmnModel model, IReadOnlyDictionary<string, object?> inputs, IReadOnlySet<string>? parameters = null)
    {
        _model = model;
        _inputs = inputs;
        _parameters = parameters;
    }

    /// <summary>A result node's value when the test case invokes a decision service directly.</summary>
    public object? DecideThrough(string service, string node)
    {
        if (!_model.Services.TryGetValue(service, out var ds)) throw new TckUnsupportedException($"no decision service named '{service}'");
        var parameters = ServiceParameters(ds).ToHashSet(StringComparer.Ordinal);
        var values = _inputs.ToDictionary(kv => kv.Key, kv => _model.Conform(kv.Value, DeclaredType(kv.Key)), StringComparer.Ordinal);
        var result = new DmnEvaluator(_model, values, parameters).Decide(node);
        return DmnModel.Children(ds, "outputDecision").Count() == 1 ? _model.Conform(result, (string?)DmnModel.Child(ds, "variable")?.Attribute("typeRef")) : result;
    }

    public object? Decide(string name)
    {
        if (_parameters is not null && _parameters.Contains(name)) return _inputs.GetValueOrDefault(name);
        if (_decided.TryGetValue(name, out var known)) return known;
        if (!_model.Decisions.TryGetValue(name, out var decision))
        {
            if (_model.Services.ContainsKey(name) || _model.Knowledge.ContainsKey(name)) return Global(name);
            throw new TckUnsupportedException($"no decision named '{name}'");
        }
        if (!_evaluating.Add(name)) throw new InvalidOperationException($"decision '{name}' depends on itself");
        var value = decision.Logic is null ? null : Boxed(decision.Logic, Frame.Top);
        _evaluating.Remove(name);
        return _decided[name] = _model.Conform(value, decision.TypeRef);
    }

    // ---- names ----

    /// <summary>Names bound by boxed contexts, function parameters and iterators, innermost first.</summary>
    private sealed class Frame(Frame? parent, Dictionary<string, object?> values)
    {
        public static readonly Frame Top = new(null, new Dictionary<string, object?>(StringComparer.Ordinal));

        public Frame? Parent { get; } = parent;

        public Dictionary<string, object?> Values { get; } = values;

        public Frame With(string name, object? value) => new(this, new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = value });

        public Frame With(IEnumerable<KeyValuePair<string, object?>> entries) => new(this, new Dictionary<string, object?>(entries, StringComparer.Ordinal));

        /// <summary>The names bound here and outside that hold a '.', which the parser must read as one name.</summary>
        public IEnumerable<string> DottedNames()
        {
            for (var f = this; f is not null; f = f.Parent)
            {
                foreach (var key in f.Values.Keys)
                {
                    if (key.Contains('.', StringComparison.Ordinal)) yield return key;
                }
            }
        }

        public bool TryGet(string name, out object? value)
        {
            for (var f = this; f is not null; f = f.Parent)
            {
                if (f.Values.TryGetValue(name, out value)) return true;
            }
            value = null;
            return false;
        }
    }

    private Func<string, object?> Lookup(Frame frame) => name => frame.TryGet(name, out var local) ? local : Global(name);

    private object? Global(string name)
    {
        // today() and now() answer the evaluation date; for the TCK that is the day of the run.
        if (name == FeelInterpreter.EvaluationDateName) return FeelInterpreter.CallBuiltin("date", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (_parameters is not null)
        {
            if (_parameters.Contains(name)) return _inputs.GetValueOrDefault(name);
            if (_model.Inputs.ContainsKey(name)) return null;
        }
        else if (_model.Inputs.TryGetValue(name, out var typeRef))
        {
            return Input(name, typeRef);
        }
        if (_model.Decisions.ContainsKey(name)) return Decide(name);
        if (_model.Knowledge.TryGetValue(name, out var bkm)) return Knowledge(bkm);
        if (_model.Services.TryGetValue(name, out var ds)) return Service(ds);
        return Imported(name) ?? FeelInterpreter.BuiltinFunction(name);
    }

    /// <summary>The key of an imported model's input data among the inputs: "{namespace}name".</summary>
    public static string QualifiedInput(string ns, string name) => "{" + ns + "}" + name;

    // An imported model's element, evaluated in that model: its input data are the test case's inputs named
    // with its namespace (the qualified keys stay, for models it imports in turn).
    private object? Imported(string name)
    {
        if (_model.Imported(name) is not var (model, local)) return null;
        var prefix = "{" + model.Namespace + "}";
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in _inputs)
        {
            if (key.StartsWith('{')) inputs[key] = value;
            if (key.StartsWith(prefix, StringComparison.Ordinal)) inputs[key[prefix.Length..]] = value;
        }
        var evaluator = new DmnEvaluator(model, inputs);
        return model.Decisions.ContainsKey(local) ? evaluator.Decide(local) : evaluator.Global(local);
    }

    private object? Input(string name, string? typeRef)
    {
        _model.TypeOf(typeRef);
        return _model.Conform(_inputs.GetValueOrDefault(name), typeRef);
    }

    // Frame names are Any: their values differ between calls, and each text is compiled once.
    private Func<string, FeelType?> Resolve(Frame frame) => name =>
        frame.TryGet(name, out _) ? FeelType.Any
        : name == FeelInterpreter.EvaluationDateName ? FeelType.Date
        : _model.Inputs.TryGetValue(name, out var typeRef) ? _model.TypeOf(typeRef)
        : _model.Decisions.TryGetValue(name, out var d) ? _model.LooseTypeOf(d.TypeRef)
        : _model.Knowledge.ContainsKey(name) || _model.Services.ContainsKey(name) ? FeelType.Function
        : _model.Imported(name) is var (m, local) && (m.Knowledge.ContainsKey(local) || m.Services.ContainsKey(local)) ? FeelType.Function
        : _model.Imported(name) is var (n, other) && n.Inputs.TryGetValue(other, out var importedType) ? n.TypeOf(importedType)
        : _model.Imported(name) is var (o, decision) && o.Decisions.TryGetValue(decision, out var imported) ? o.LooseTypeOf(imported.TypeRef)
        : FeelInterpreter.BuiltinFunction(name) is not null ? FeelType.Function
        : null;

    private static string Text(XElement e) => DmnModel.Child(e, "text")?.Value ?? "";

    // ---- boxed expressions ----

    private static readonly HashSet<string> NotExpressions = new(StringComparer.Ordinal)
    {
        "variable", "informationRequirement", "knowledgeRequirement", "authorityRequirement", "description",
        "extensionElements", "question", "allowedAnswers", "formalParameter", "parameter", "outputDecision",
        "encapsulatedDecision", "inputDecision", "inputData",
    };

    /// <summary>The boxed expression held by an element (a context entry, binding, encapsulated logic …), if any.</summary>
    private static XElement? ExpressionIn(XElement holder) => holder.Elements().FirstOrDefault(c => !NotExpressions.Contains(c.Name.LocalName));

    private object? BoxedIn(XElement? holder, Frame frame) => holder is not null && ExpressionIn(holder) is { } e ? Boxed(e, frame) : null;

    private object? Boxed(XElement e, Frame frame) => e.Name.LocalName switch
    {
        "literalExpression" => Expression(e, frame),
        "decisionTable" => Table(e, frame),
        "context" => Context(e, frame),
        "invocation" => Invocation(e, frame),
        "functionDefinition" or "encapsulatedLogic" => Function(e, frame),
        "relation" => Relation(e, frame),
        "list" => e.Elements().Select(i => Boxed(i, frame)).ToArray(),
        "conditional" => Conditional(e, frame),
        "filter" => Filter(e, frame),
        "for" or "some" or "every" => Iterate(e, frame),
        var other => throw new TckUnsupportedException($"boxed expression '{other}' is outside the subset"),
    };

    private object? Context(XElement context, Frame frame)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        var inner = new Frame(frame, entries);
        var result = new List<KeyValuePair<string, object?>>();
        foreach (var entry in DmnModel.Children(context, "contextEntry"))
        {
            var value = BoxedIn(entry, inner);
            if (DmnModel.Child(entry, "variable") is not { } variable) return value;
            var name = (string)variable.Attribute("name")!;
            value = _model.Conform(value, (string?)variable.Attribute("typeRef"));
            entries[name] = value;
            result.Add(KeyValuePair.Create(name, value));
        }
        return new FeelContext(result);
    }

    private object? Invocation(XElement invocation, Frame frame)
    {
        var callee = ExpressionIn(invocation) is { Name.LocalName: "literalExpression" } text
            ? Expression(text, frame)
            : throw new TckUnsupportedException("an invocation must name its function");
        if (callee is not FeelFunction function) return null;
        var args = new object?[function.Parameters.Count];
        foreach (var binding in DmnModel.Children(invocation, "binding"))
        {
            var name = (string?)DmnModel.Child(binding, "parameter")?.Attribute("name");
            var at = function.Parameters.ToList().IndexOf(name ?? "");
            if (at < 0) return null;
            args[at] = BoxedIn(binding, frame);
        }
        return function.Invoke(args);
    }

    private FeelFunction Function(XElement definition, Frame frame, string? resultType = null)
    {
        var kind = (string?)definition.Attribute("kind") ?? "FEEL";
        var parameters = DmnModel.Children(definition, "formalParameter")
            .Select(p => ((string)p.Attribute("name")!, (string?)p.Attribute("typeRef"))).ToArray();
        var body = ExpressionIn(definition);
        if (kind == "Java")
        {
            // The body is a context {class, method signature}: the same mapping as FEEL's "external {java: …}".
            var mapping = new FeelContext([KeyValuePair.Create("java", body is null ? null : Boxed(body, frame))]);
            return new FeelFunction(parameters.Select(p => p.Item1).ToArray(), args =>
                ConformArguments(args, parameters.Select(p => p.Item2).ToArray()) is { } conformed
                    ? FeelInterpreter.CallBuiltin(" external", mapping, conformed) : null);
        }
        if (kind != "FEEL") throw new TckUnsupportedException($"{kind} functions are outside the subset");
        resultType ??= (string?)definition.Attribute("typeRef");
        return new FeelFunction(parameters.Select(p => p.Item1).ToArray(), args =>
        {
            if (ConformArguments(args, parameters.Select(p => p.Item2).ToArray()) is not { } conformed) return null;
            var bound = frame.With(parameters.Select((p, i) => KeyValuePair.Create(p.Item1, conformed[i])));
            return body is null ? null : _model.Conform(_model.Conform(Boxed(body, bound), (string?)body.Attribute("typeRef")), resultType);
        });
    }

    private FeelFunction Knowledge(XElement bkm)
    {
        var logic = DmnModel.Child(bkm, "encapsulatedLogic") ?? throw new TckUnsupportedException($"business knowledge model '{bkm.Attribute("name")}' has no logic");
        var declared = (string?)DmnModel.Child(bkm, "variable")?.Attribute("typeRef");
        // The variable's type of a BKM is the function's type when it is a functionItem; else its result type.
        var result = (string?)logic.Attribute("typeRef") ?? (declared is not null && _model.IsFunctionType(declared) ? null : declared);
        return Function(logic, Frame.Top, result);
    }

    // An argument that does not conform to its parameter's type makes the invocation null (DMN 1.5 coercion:
    // a singleton list still passes for its item).
    private object?[]? ConformArguments(object?[] args, string?[] types)
    {
        var conformed = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            conformed[i] = i < types.Length ? _model.Conform(args[i], types[i]) : args[i];
            if (args[i] is not null && conformed[i] is null) return null;
        }
        return conformed;
    }

    // A decision service's parameters: its input data, then its input decisions (as the TCK invokes them).
    private IEnumerable<string> ServiceParameters(XElement ds) =>
        DmnModel.Children(ds, "inputData").Concat(DmnModel.Children(ds, "inputDecision")).Select(_model.NameOf);

    private string? DeclaredType(string name) =>
        _model.Inputs.TryGetValue(name, out var typeRef) ? typeRef : _model.Decisions.TryGetValue(name, out var d) ? d.TypeRef : null;

    private FeelFunction Service(XElement ds)
    {
        var parameters = ServiceParameters(ds).ToArray();
        var outputs = DmnModel.Children(ds, "outputDecision").Select(_model.NameOf).ToArray();
        var types = parameters.Select(DeclaredType).ToArray();
        var declared = (string?)DmnModel.Child(ds, "variable")?.Attribute("typeRef");
        return new FeelFunction(parameters, args =>
        {
            if (ConformArguments(args, types) is not { } conformed) return null;
            var values = parameters.Select((p, i) => KeyValuePair.Create(p, conformed[i])).ToDictionary(StringComparer.Ordinal);
            var inner = new DmnEvaluator(_model, values, parameters.ToHashSet(StringComparer.Ordinal));
            var result = outputs.Length == 1 ? inner.Decide(outputs[0]) : new FeelContext(outputs.Select(o => KeyValuePair.Create(o, inner.Decide(o))));
            return _model.Conform(result, declared);
        }) { ExactArity = true };
    }

    private object? Relation(XElement relation, Frame frame)
    {
        var columns = DmnModel.Children(relation, "column").Select(c => (string)c.Attribute("name")!).ToArray();
        return DmnModel.Children(relation, "row").Select(row =>
        {
            var cells = row.Elements().Select(c => Boxed(c, frame)).ToArray();
            return (object?)new FeelContext(columns.Select((c, i) => KeyValuePair.Create(c, i < cells.Length ? cells[i] : null)));
        }).ToArray();
    }

    private object? Conditional(XElement conditional, Frame frame)
    {
        // A condition that is neither boolean nor null makes the conditional null.
        var condition = BoxedIn(DmnModel.Child(conditional, "if"), frame);
        if (condition is not (null or bool)) return null;
        return BoxedIn(DmnModel.Child(conditional, condition is true ? "then" : "else"), frame);
    }

    private object? Filter(XElement filter, Frame frame)
    {
        if (BoxedIn(DmnModel.Child(filter, "in"), frame) is not { } source) return null;
        var items = source as IReadOnlyList<object?> ?? [source];
        var match = DmnModel.Child(filter, "match");
        var kept = new List<object?>();
        foreach (var item in items)
        {
            var names = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (item is FeelContext c)
            {
                foreach (var (key, v) in c) names[key] = v;
            }
            names["item"] = item;
            var inner = new Frame(frame, names);
            // A match that is neither boolean nor null makes the filter null.
            switch (BoxedIn(match, inner))
            {
                case true: kept.Add(item); break;
                case null or false: break;
                default: return null;
            }
        }
        return kept.ToArray();
    }

    private object? Iterate(XElement iterator, Frame frame)
    {
        var variable = (string?)iterator.Attribute("iteratorVariable") ?? "item";
        var source = BoxedIn(DmnModel.Child(iterator, "in"), frame);
        if (source is FeelRange range) source = RangeItems(range);
        if (source is not IReadOnlyList<object?> items) items = source is null ? [] : [source];
        var kind = iterator.Name.LocalName;
        var body = DmnModel.Child(iterator, kind == "for" ? "return" : "satisfies");
        var results = new List<object?>();
        foreach (var item in items)
        {
            var value = BoxedIn(body, frame.With(variable, item).With("partial", results.ToArray()));
            results.Add(value);
        }
        if (kind != "for" && results.Any(r => r is not (null or bool))) return null;
        return kind switch
        {
            "for" => results.ToArray(),
            "some" => results.Any(r => r is true) ? true : results.All(r => r is false) ? false : null,
            _ => results.All(r => r is true) ? true : results.Any(r => r is false) ? false : null,
        };
    }

    // A range iterated by a boxed for/some/every: integers from one end to the other, as FEEL's for does.
    private static object?[]? RangeItems(FeelRange range)
    {
        if (range is not { Start: decimal from, End: decimal to } || from != decimal.Truncate(from) || to != decimal.Truncate(to)) return null;
        var step = from <= to ? 1 : -1;
        if (!range.StartIncluded) from += step;
        if (!range.EndIncluded) to -= step;
        var items = new List<object?>();
        for (var i = from; step > 0 ? i <= to : i >= to; i += step) items.Add(i);
        return items.ToArray();
    }

    // ---- FEEL text ----

    private object? Expression(XElement literal, Frame frame)
    {
        var compiled = _model.Compiled(literal, () =>
        {
            var text = Text(literal);
            var expr = Parse(() => FeelParser.ParseExpression(text, _model.Names.Concat(frame.DottedNames()).ToArray()));
            var diagnostics = new List<FeelDiagnostic>();
            var resolve = Resolve(frame);
            FeelTypeChecker.Check(expr, resolve, diagnostics);
            ThrowIfOutsideSubset(diagnostics);
            return FeelCompiler.CompileDelegate(expr, resolve);
        });
        return compiled(Lookup(frame));
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

    // An item definition's name after "instance of" is no FEEL type, but the model answers it (NamedTypes).
    private void ThrowIfOutsideSubset(List<FeelDiagnostic> diagnostics)
    {
        var outside = diagnostics.FirstOrDefault(d => (d.Message.Contains("outside the subset", StringComparison.Ordinal)
                && !(d.Message.StartsWith("type '", StringComparison.Ordinal) && _model.IsTypeName(d.Message.Split('\'')[1])))
            || d.Message.StartsWith("unknown name", StringComparison.Ordinal));
        if (outside is not null) throw new TckUnsupportedException(outside.Message);
    }

    // ---- decision tables ----

    private object? Table(XElement table, Frame frame)
    {
        var columns = DmnModel.Children(table, "input").Select(i => InputColumn(i, frame)).ToList();
        var outputs = DmnModel.Children(table, "output").ToList();
        var matched = DmnModel.Children(table, "rule").Where(rule => Matches(rule, columns, frame)).ToList();
        var hitPolicy = (string?)table.Attribute("hitPolicy") ?? "UNIQUE";
        var values = matched.Select(rule => Outputs(rule, outputs, frame)).ToList();
        return hitPolicy switch
        {
            "UNIQUE" => values.Count switch { 0 => Default(outputs, frame), 1 => values[0], _ => null },
            "FIRST" => values.Count == 0 ? Default(outputs, frame) : values[0],
            "ANY" => values.Count == 0 ? Default(outputs, frame) : values.All(m => TckValues.Same(values[0], m)) ? values[0] : null,
            // An aggregation over no matched rule is the default output, if there is one.
            "COLLECT" when values.Count == 0 && table.Attribute("aggregation") is not null && Default(outputs, frame) is { } fallback => fallback,
            "COLLECT" or "RULE ORDER" => Collect((string?)table.Attribute("aggregation"), values),
            "PRIORITY" => values.Count == 0 ? Default(outputs, frame) : ByPriority(values, outputs, frame)[0],
            "OUTPUT ORDER" => ByPriority(values, outputs, frame).ToArray(),
            _ => throw new TckUnsupportedException($"hit policy {hitPolicy} is outside the subset"),
        };
    }

    // PRIORITY and OUTPUT ORDER: rules ordered by their outputs' positions in the output values lists (first
    // output first); a stable sort keeps rule order among equals.
    private List<object?> ByPriority(List<object?> values, List<XElement> outputs, Frame frame)
    {
        var orders = outputs.Select(o => DmnModel.Child(o, "outputValues") is { } ov
            ? Parse(() => FeelParser.ParseUnaryTests(Text(ov), _model.Names)) : null).ToList();
        int Rank(object? value, int output)
        {
            if (orders[output] is not { } tests) return 0;
            var item = outputs.Count == 1 ? value : (value as FeelContext)?.GetValueOrDefault((string)outputs[output].Attribute("name")!);
            for (var i = 0; i < tests.Tests.Count; i++)
            {
                var single = new UnaryTests([tests.Tests[i]], false, false, tests.Position);
                if (FeelInterpreter.Test(single, item, Lookup(frame))) return i;
            }
            return tests.Tests.Count;
        }
        return values.Select((v, i) => (v, i)).OrderBy(p => 0)
            .ThenBy(p => outputs.Select((_, o) => Rank(p.v, o)).ToArray(), RankComparer.Instance)
            .Select(p => p.v).ToList();
    }

    private sealed class RankComparer : IComparer<int[]>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                if (x[i] != y[i]) return x[i].CompareTo(y[i]);
            }
            return 0;
        }
    }

    private (object? Value, FeelType Type) InputColumn(XElement input, Frame frame)
    {
        var expression = DmnModel.Child(input, "inputExpression")!;
        var value = Expression(expression, frame);
        var declared = (string?)expression.Attribute("typeRef");
        return (value, declared is null ? FeelType.Any : _model.LooseTypeOf(declared));
    }

    private bool Matches(XElement rule, List<(object? Value, FeelType Type)> columns, Frame frame)
    {
        var entries = DmnModel.Children(rule, "inputEntry").ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var column = columns[i];
            var compiled = _model.CompiledTests(entries[i], () =>
            {
                var tests = Parse(() => FeelParser.ParseUnaryTests(Text(entries[i]), _model.Names.Concat(frame.DottedNames()).ToArray()));
                var diagnostics = new List<FeelDiagnostic>();
                var resolve = Resolve(frame);
                FeelTypeChecker.CheckUnaryTests(tests, column.Type, resolve, diagnostics);
                ThrowIfOutsideSubset(diagnostics);
                return FeelCompiler.CompileUnaryTestsDelegate(tests, column.Type, resolve);
            });
            if (!compiled(column.Value, Lookup(frame))) return false;
        }
        return true;
    }

    private object? Outputs(XElement rule, List<XElement> outputs, Frame frame)
    {
        var values = DmnModel.Children(rule, "outputEntry").Select(e => Expression(e, frame)).ToList();
        return outputs.Count == 1 ? values[0] : OutputContext(outputs, values);
    }

    private static FeelContext OutputContext(List<XElement> outputs, List<object?> values) =>
        new(outputs.Select((o, i) => KeyValuePair.Create((string)o.Attribute("name")!, values[i])));

    private object? Default(List<XElement> outputs, Frame frame)
    {
        var defaults = outputs.Select(o => DmnModel.Child(o, "defaultOutputEntry") is { } d ? Expression(d, frame) : null).ToList();
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
