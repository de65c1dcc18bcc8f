namespace Evaluation.Rules.Feel;

/// <summary>
/// The reference evaluator: walks the tree over boxed runtime values with the same FeelRuntime operations the
/// compiler falls back to. Deliberately simple; compiled code is checked against it. Contexts, filters, for,
/// some/every and function definitions are evaluated here also for compiled code (the emitter calls
/// <see cref="EvaluateBound"/> for such a subtree), so they have one implementation.
/// </summary>
public static class FeelInterpreter
{
    /// <summary>Evaluates an expression; names are looked up on demand. Never throws for FEEL errors: they are null.</summary>
    /// <summary>The name under which today() and now() read the evaluation date (a date) from the lookup.</summary>
    public const string EvaluationDateName = FeelLibrary.EvaluationDateName;

    /// <summary>
    /// Answers <c>x instance of T</c> for type names FEEL does not define (a DMN model's item definitions) on
    /// this thread; null (no such type) when unset. The checker still reports such a name: a host that knows
    /// it (the TCK runner) ignores that diagnostic.
    /// </summary>
    public static Func<string, object?, bool?>? NamedTypes
    {
        get => FeelLibrary.NamedTypes;
        set => FeelLibrary.NamedTypes = value;
    }

    public static object? Evaluate(FeelExpr expr, Func<string, object?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return expr switch
        {
            NumberLiteral n => n.Value,
            StringLiteral s => s.Value,
            BooleanLiteral b => b.Value,
            NullLiteral => null,
            NameExpr name => FeelRuntime.Normalize(lookup(name.Name)),
            ListExpr list => list.Items.Select(i => Evaluate(i, lookup)).ToArray(),
            RangeExpr r => new FeelRange(Evaluate(r.Start, lookup), r.StartIncluded, Evaluate(r.End, lookup), r.EndIncluded),
            NegateExpr negate => FeelRuntime.Negate(Evaluate(negate.Operand, lookup)),
            BinaryExpr b => Binary(b, lookup),
            BetweenExpr b => FeelRuntime.Between(Evaluate(b.Value, lookup), Evaluate(b.Low, lookup), Evaluate(b.High, lookup)),
            InExpr @in => Disjunction(@in.Tests, Evaluate(@in.Value, lookup), lookup),
            IfExpr @if => Evaluate(@if.Condition, lookup) is true ? Evaluate(@if.Then, lookup) : Evaluate(@if.Else, lookup),
            CallExpr call => Call(call, lookup),
            ContextExpr context => Context(context, lookup),
            PathExpr path => Path(Evaluate(path.Target, lookup), path.Member),
            FilterExpr filter => Filter(filter, lookup),
            ForExpr @for => For(@for, lookup),
            QuantifiedExpr q => Quantified(q, lookup),
            FunctionExpr f => new FeelFunction(f.Parameters, args => Evaluate(f.Body, Scope(lookup, f.Parameters, args))),
            InvokeExpr invoke => Invoke(Evaluate(invoke.Callee, lookup), invoke.Arguments, lookup),
            UnaryTestExpr test => new FeelUnaryTestValue(test.Operator, Evaluate(test.Operand, lookup)),
            InstanceOfExpr i => FeelLibrary.IsInstance(Evaluate(i.Value, lookup), i.Type),
            _ => throw new NotSupportedException($"cannot evaluate {expr?.GetType().Name}"),
        };
    }

    /// <summary>Evaluates with the given names bound to the given values (compiled code's entry into the interpreter).</summary>
    public static object? EvaluateBound(FeelExpr expr, string[] names, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        return Evaluate(expr, name =>
        {
            var at = Array.IndexOf(names, name);
            return at < 0 ? null : values[at];
        });
    }

    /// <summary>FEEL equality of two values (host values such as int or DateOnly normalised first): true, false or null.</summary>
    public static bool? ValuesEqual(object? a, object? b) => FeelRuntime.Equal(FeelRuntime.Normalize(a), FeelRuntime.Normalize(b));

    /// <summary>FEEL <c>string(value)</c>: null for null, otherwise the value's FEEL text (dates and durations in ISO form).</summary>
    public static string? ToText(object? value) => FeelRuntime.Show(FeelRuntime.Normalize(value));

    /// <summary>Calls a built-in function by name on values, e.g. <c>CallBuiltin("duration", "P1D")</c>; null if it does not apply.</summary>
    /// <summary>
    /// A built-in function as a value (DMN passes <c>abs</c> to a function parameter): a function of the
    /// built-in's first signature; null when no built-in has that name.
    /// </summary>
    public static FeelFunction? BuiltinFunction(string name) =>
        name.StartsWith(' ') || FeelFunctions.ParametersOf(name) is not { } parameters ? null
        : new FeelFunction(parameters, args => CallBuiltin(name, args));

    public static object? CallBuiltin(string function, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var names = arguments.Select((_, i) => "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var call = new CallExpr(function, names.Select(n => new FeelArgument(null, new NameExpr(n, default))).ToArray(), default);
        return EvaluateBound(call, names, arguments.Select(FeelRuntime.Normalize).ToArray());
    }

    /// <summary>True iff the input satisfies the cell; a missing input satisfies only "-" and an explicit null test.</summary>
    public static bool Test(UnaryTests tests, object? input, Func<string, object?> lookup)
    {
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.MatchesAnything) return true;
        input = FeelRuntime.Normalize(input);
        if (input is null) return !tests.Negated && tests.Tests.Any(t => t is ValueTest { Value: NullLiteral });
        var result = Disjunction(tests.Tests, input, lookup);
        return (tests.Negated ? FeelRuntime.Not(result) : result) == true;
    }

    // and/or look at the right operand only when the left does not decide, so "x != null and x.a > 1" is safe.
    private static object? Binary(BinaryExpr b, Func<string, object?> lookup)
    {
        var left = Evaluate(b.Left, lookup);
        if (b.Operator == FeelBinaryOperator.And && left is false) return false;
        if (b.Operator == FeelBinaryOperator.Or && left is true) return true;
        return FeelRuntime.Binary(b.Operator, left, Evaluate(b.Right, lookup));
    }

    private static bool? Disjunction(IReadOnlyList<UnaryTest> tests, object? input, Func<string, object?> lookup)
    {
        bool? result = false;
        foreach (var test in tests) result = FeelRuntime.Or(result, TestOne(test, input, lookup));
        return result;
    }

    private static bool? TestOne(UnaryTest test, object? input, Func<string, object?> lookup) => test switch
    {
        ComparisonTest c => FeelRuntime.Compare(c.Operator, input, Evaluate(c.Operand, lookup)) as bool?,
        ValueTest v => FeelRuntime.TestValue(input, Evaluate(v.Value, lookup)),
        _ => null,
    };

    private static object? Call(CallExpr call, Func<string, object?> lookup)
    {
        if (call.Function is "today" or "now" && call.Arguments.Count == 0)
        {
            var date = FeelRuntime.Normalize(lookup(FeelLibrary.EvaluationDateName)) as FeelDate?;
            return call.Function == "today" ? date : date is { } d ? FeelTemporal.AtMidnight(d) : null;
        }
        // A name bound to a function value (a context entry "f: function(x) …") shadows nothing built in.
        if (!FeelFunctions.IsKnown(call.Function) && lookup(call.Function) is FeelFunction f) return Invoke(f, call.Arguments, lookup);
        var values = call.Arguments.Select(a => Evaluate(a.Value, lookup)).ToArray();
        var resolved = FeelFunctions.Resolve(call, values);
        if (resolved is null) return null;
        var byExpr = new Dictionary<FeelExpr, object?>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < values.Length; i++) byExpr[call.Arguments[i].Value] = values[i];
        var args = resolved.Arguments.Select(a => byExpr[a]).ToArray();
        return resolved.Overload is { } overload
            ? FeelFunctions.Invoke(overload, args)
            : FeelFunctions.Aggregate(resolved.Aggregate, args);
    }

    private static object? Invoke(object? callee, IReadOnlyList<FeelArgument> arguments, Func<string, object?> lookup)
    {
        if (callee is not FeelFunction function) return null;
        if (arguments.All(a => a.Name is null)) return function.Invoke(arguments.Select(a => Evaluate(a.Value, lookup)).ToArray());
        var args = new object?[function.Parameters.Count];
        foreach (var arg in arguments)
        {
            var at = arg.Name is null ? -1 : function.Parameters.ToList().IndexOf(arg.Name);
            if (at < 0) return null;
            args[at] = Evaluate(arg.Value, lookup);
        }
        return function.Invoke(args);
    }

    private static Func<string, object?> Scope(Func<string, object?> outer, IReadOnlyList<string> names, object?[] values) => name =>
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return values[i];
        }
        return outer(name);
    };

    // ---- contexts, paths, filters ----

    private static FeelContext? Context(ContextExpr context, Func<string, object?> lookup)
    {
        var result = new FeelContext();
        Func<string, object?> scope = name => result.TryGetValue(name, out var v) ? v : lookup(name);
        foreach (var entry in context.Entries)
        {
            // Duplicate keys make the context invalid: null.
            if (result.ContainsKey(entry.Key)) return null;
            result.Set(entry.Key, Evaluate(entry.Value, scope));
        }
        return result;
    }

    private static object? Path(object? target, string member) => target switch
    {
        IReadOnlyList<object?> list => list.Select(item => FeelLibrary.Member(item, member)).ToArray(),
        _ => FeelLibrary.Member(target, member),
    };

    // A number filter picks an item (1-based, negative from the end); a boolean one keeps the items it holds for.
    // Inside the filter the item is "item", and a context item's entries are names of their own.
    private static object? Filter(FilterExpr filter, Func<string, object?> lookup)
    {
        var target = Evaluate(filter.Target, lookup);
        if (target is null) return null;
        var items = target as IReadOnlyList<object?> ?? [target];
        var kept = new List<object?>();
        foreach (var item in items)
        {
            Func<string, object?> scope = name =>
                item is FeelContext c && c.TryGetValue(name, out var v) ? v : name == "item" ? item : lookup(name);
            switch (Evaluate(filter.Filter, scope))
            {
                case decimal index:
                    return Index(items, index);
                case true:
                    kept.Add(item);
                    break;
            }
        }
        if (items.Count == 0 && Evaluate(filter.Filter, name => name == "item" ? null : lookup(name)) is decimal) return null;
        return kept.ToArray();
    }

    private static object? Index(IReadOnlyList<object?> items, decimal index)
    {
        if (index != decimal.Truncate(index)) return null;
        var i = index > 0 ? index - 1 : items.Count + index;
        return index == 0 || i < 0 || i >= items.Count ? null : items[(int)i];
    }

    // ---- for, some, every ----

    private static object? For(ForExpr @for, Func<string, object?> lookup)
    {
        var results = new List<object?>();
        return Iterate(@for.Iterations, 0, lookup, scope =>
        {
            results.Add(Evaluate(@for.Body, name => name == "partial" ? results.ToArray() : scope(name)));
            return true;
        }) is null ? null : results.ToArray();
    }

    private static bool? Quantified(QuantifiedExpr q, Func<string, object?> lookup)
    {
        var decided = false;
        // some stops at the first item that satisfies, every at the first that does not.
        var run = Iterate(q.Iterations, 0, lookup, scope =>
        {
            decided = (Evaluate(q.Condition, scope) is true) != q.Every;
            return !decided;
        });
        if (run is null) return null;
        return q.Every ? !decided : decided;
    }

    // Runs body for each combination of the iterations' items, until body returns false (then false);
    // null when a domain is neither a list nor a range of integers.
    private static bool? Iterate(IReadOnlyList<FeelIteration> iterations, int at, Func<string, object?> lookup, Func<Func<string, object?>, bool> body)
    {
        if (at == iterations.Count) return body(lookup);
        var iteration = iterations[at];
        if (Domain(Evaluate(iteration.Domain, lookup), iteration.CountsDown) is not { } items) return null;
        foreach (var item in items)
        {
            var value = item;
            var run = Iterate(iterations, at + 1, name => name == iteration.Name ? value : lookup(name), body);
            if (run != true) return run;
        }
        return true;
    }

    private const int MaxRangeItems = 1_000_000;

    private static IEnumerable<object?>? Domain(object? value, bool countsDown)
    {
        if (value is IReadOnlyList<object?> list) return list;
        // A range of dates runs day by day.
        if (value is FeelRange { Start: FeelDate from, End: FeelDate to } dates && Math.Abs(to.DayNumber - from.DayNumber) <= MaxRangeItems)
        {
            if (!countsDown && from.DayNumber > to.DayNumber) return null;
            var dir = from.DayNumber <= to.DayNumber ? 1 : -1;
            var a = dates.StartIncluded ? from.DayNumber : from.DayNumber + dir;
            var b = dates.EndIncluded ? to.DayNumber : to.DayNumber - dir;
            var days = new List<object?>();
            for (var d = a; dir > 0 ? d <= b : d >= b; d += dir) days.Add(new FeelDate(d));
            return days;
        }
        if (value is not FeelRange { Start: decimal start, End: decimal end } range
            || start != decimal.Truncate(start) || end != decimal.Truncate(end) || Math.Abs(end - start) > MaxRangeItems
            || (!countsDown && start > end)) return null;
        var step = start <= end ? 1 : -1;
        var first = range.StartIncluded ? start : start + step;
        var last = range.EndIncluded ? end : end - step;
        var items = new List<object?>();
        for (var i = first; step > 0 ? i <= last : i >= last; i += step) items.Add(i);
        return items;
    }
}
