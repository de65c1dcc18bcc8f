namespace Evaluation.Rules.Feel;

/// <summary>Load-time type checking: every name resolves, operand and argument types agree.</summary>
public static class FeelTypeChecker
{
    /// <summary>The error for a function definition: catalogues may not define functions (the TCK runner evaluates anyway).</summary>
    public const string NoFunctionsInCatalogues = "function definitions are not allowed in catalogue rules: a catalogue cannot run arbitrary code";

    /// <summary>
    /// Returns the expression's type and appends a diagnostic for each unknown name, operand type mismatch,
    /// non-boolean condition and bad function call. Never throws for a parsed tree.
    /// </summary>
    public static FeelType Check(FeelExpr expr, Func<string, FeelType?> resolve, List<FeelDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return new FeelTyping(resolve, diagnostics).TypeOf(expr);
    }

    /// <summary>Checks a decision-table cell against the type of its input column.</summary>
    public static void CheckUnaryTests(UnaryTests tests, FeelType inputType, Func<string, FeelType?> resolve, List<FeelDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(tests);
        new FeelTyping(resolve, diagnostics).CheckTests(tests.Tests, inputType);
    }
}

/// <summary>
/// Type inference shared by the checker and the compiler, so that a compiled node's CLR type is always the
/// ClrType of the type the checker reported. Types are cached per node (by reference).
/// </summary>
internal sealed class FeelTyping(Func<string, FeelType?> resolve, List<FeelDiagnostic> diagnostics)
{
    private readonly Dictionary<FeelExpr, FeelType> _types = new(ReferenceEqualityComparer.Instance);

    // Names bound inside the expression (context entries, iteration variables, function parameters), innermost last.
    private readonly List<Dictionary<string, FeelType>> _locals = [];

    // Inside a filter over items whose entries are not known statically, an unknown name may be an entry: Any.
    private int _open;

    /// <summary>The names read from outside the expression that resolved (what compiled code must bind).</summary>
    public HashSet<string> OuterNames { get; } = new(StringComparer.Ordinal);

    public FeelType TypeOf(FeelExpr expr)
    {
        if (_types.TryGetValue(expr, out var known)) return known;
        var type = Infer(expr);
        _types[expr] = type;
        return type;
    }

    private FeelType Infer(FeelExpr expr) => expr switch
    {
        NumberLiteral => FeelType.Number,
        StringLiteral => FeelType.String,
        BooleanLiteral => FeelType.Boolean,
        NullLiteral => FeelType.Null,
        NameExpr name => Name(name),
        ListExpr list => FeelType.ListOf(Unify(list.Items.Select(TypeOf))),
        RangeExpr range => Range(range),
        NegateExpr negate => Negate(negate),
        BinaryExpr binary => Binary(binary),
        BetweenExpr between => Between(between),
        InExpr @in => In(@in),
        IfExpr @if => If(@if),
        CallExpr call => Call(call),
        ContextExpr context => Context(context),
        PathExpr path => Path(path),
        FilterExpr filter => Filter(filter),
        ForExpr @for => Scoped(@for.Iterations, () => FeelType.ListOf(TypeOf(@for.Body)), "partial"),
        QuantifiedExpr q => Scoped(q.Iterations, () => Condition(q.Condition), null),
        FunctionExpr f => Function(f),
        InvokeExpr invoke => Invoke(invoke),
        UnaryTestExpr test => FeelType.RangeOf(TypeOf(test.Operand)),
        InstanceOfExpr i => InstanceOf(i),
        _ => Report(expr.Position, $"unsupported expression {expr.GetType().Name}", FeelType.Any),
    };

    private FeelType InstanceOf(InstanceOfExpr i)
    {
        TypeOf(i.Value);
        if (FeelLibrary.UnknownType(i.Type) is { } unknown) Report(i.Position, $"type '{unknown}' is outside the subset", FeelType.Boolean);
        return FeelType.Boolean;
    }

    private FeelType? Local(string name)
    {
        for (var i = _locals.Count - 1; i >= 0; i--)
        {
            if (_locals[i].TryGetValue(name, out var t)) return t;
        }
        return null;
    }

    private T InScope<T>(Dictionary<string, FeelType> scope, Func<T> body)
    {
        _locals.Add(scope);
        try
        {
            return body();
        }
        finally
        {
            _locals.RemoveAt(_locals.Count - 1);
        }
    }

    private FeelType Context(ContextExpr context)
    {
        var scope = new Dictionary<string, FeelType>(StringComparer.Ordinal);
        return InScope(scope, () =>
        {
            foreach (var entry in context.Entries)
            {
                if (scope.ContainsKey(entry.Key)) Report(entry.Position, $"context key '{entry.Key}' appears twice", FeelType.Any);
                scope[entry.Key] = TypeOf(entry.Value);
            }
            return FeelType.Context;
        });
    }

    private FeelType Path(PathExpr path)
    {
        var target = TypeOf(path.Target);
        return target.Kind switch
        {
            FeelTypeKind.List => FeelType.ListOf(FeelType.Any),
            FeelTypeKind.Date => Property(path, ["year", "month", "day", "weekday"], []),
            FeelTypeKind.DateTime => Property(path, ["year", "month", "day", "weekday", "hour", "minute", "second"], ["time offset", "timezone"]),
            FeelTypeKind.Time => Property(path, ["hour", "minute", "second"], ["time offset", "timezone"]),
            FeelTypeKind.DaysTimeDuration => Property(path, ["days", "hours", "minutes", "seconds"], []),
            FeelTypeKind.YearsMonthsDuration => Property(path, ["years", "months"], []),
            FeelTypeKind.Number or FeelTypeKind.Boolean or FeelTypeKind.String or FeelTypeKind.Function =>
                Report(path.Position, $"a {target} has no property '{path.Member}'", FeelType.Null),
            _ => FeelType.Any,
        };
    }

    private FeelType Property(PathExpr path, string[] numbers, string[] others)
    {
        if (numbers.Contains(path.Member)) return FeelType.Number;
        if (others.Contains(path.Member)) return path.Member == "timezone" ? FeelType.String : FeelType.DaysTimeDuration;
        return Report(path.Position, $"'{path.Member}' is not a property of {TypeOf(path.Target)}; it has {string.Join(", ", numbers.Concat(others))}", FeelType.Null);
    }

    private FeelType Filter(FilterExpr filter)
    {
        var target = TypeOf(filter.Target);
        var item = target.Kind == FeelTypeKind.List ? target.Element ?? FeelType.Any : target.IsLoose ? FeelType.Any : target;
        var open = item.Kind is FeelTypeKind.Context or FeelTypeKind.Any;
        if (open) _open++;
        var condition = InScope(new Dictionary<string, FeelType>(StringComparer.Ordinal) { ["item"] = item }, () => TypeOf(filter.Filter));
        if (open) _open--;
        return condition.Kind switch
        {
            FeelTypeKind.Number => item,
            FeelTypeKind.Boolean => FeelType.ListOf(item),
            FeelTypeKind.Null or FeelTypeKind.Any => FeelType.Any,
            _ => Report(filter.Filter.Position, $"a filter must be a boolean condition or a number, not {condition}", FeelType.Any),
        };
    }

    private FeelType Scoped(IReadOnlyList<FeelIteration> iterations, Func<FeelType> body, string? partial)
    {
        var scope = new Dictionary<string, FeelType>(StringComparer.Ordinal);
        return InScope(scope, () =>
        {
            foreach (var iteration in iterations)
            {
                var domain = TypeOf(iteration.Domain);
                scope[iteration.Name] = domain.Kind switch
                {
                    FeelTypeKind.List => domain.Element ?? FeelType.Any,
                    FeelTypeKind.Range => domain.Element ?? FeelType.Number,
                    FeelTypeKind.Any or FeelTypeKind.Null => FeelType.Any,
                    _ => Report(iteration.Position, $"'{iteration.Name}' must range over a list or a range of integers, not {domain}", FeelType.Any),
                };
            }
            if (partial is not null) scope[partial] = FeelType.ListOf(FeelType.Any);
            return body();
        });
    }

    private FeelType Condition(FeelExpr condition)
    {
        var type = TypeOf(condition);
        if (!IsBooleanLike(type)) Report(condition.Position, $"'satisfies' needs a boolean condition, not {type}", FeelType.Boolean);
        return FeelType.Boolean;
    }

    private FeelType Function(FunctionExpr f)
    {
        Report(f.Position, FeelTypeChecker.NoFunctionsInCatalogues, FeelType.Function);
        InScope(f.Parameters.ToDictionary(p => p, _ => FeelType.Any, StringComparer.Ordinal), () => TypeOf(f.Body));
        return FeelType.Function;
    }

    private FeelType Invoke(InvokeExpr invoke)
    {
        var callee = TypeOf(invoke.Callee);
        foreach (var arg in invoke.Arguments) TypeOf(arg.Value);
        return callee.Kind is FeelTypeKind.Function or FeelTypeKind.Any
            ? FeelType.Any
            : Report(invoke.Position, $"a {callee} cannot be called", FeelType.Any);
    }

    private FeelType Report(FeelPosition position, string message, FeelType result)
    {
        diagnostics.Add(new FeelDiagnostic(message, position));
        return result;
    }

    private FeelType Name(NameExpr name)
    {
        if (Local(name.Name) is { } local) return local;
        if (resolve(name.Name) is { } outer)
        {
            OuterNames.Add(name.Name);
            return outer;
        }
        return _open > 0 ? FeelType.Any : Report(name.Position, $"unknown name '{name.Name}'", FeelType.Any);
    }

    /// <summary>The common type of several values: null values fit anything, disagreeing types make Any.</summary>
    public static FeelType Unify(IEnumerable<FeelType> types)
    {
        FeelType? result = null;
        foreach (var t in types)
        {
            if (t.Kind == FeelTypeKind.Null) continue;
            if (result is null) result = t;
            else if (result != t) return FeelType.Any;
        }
        return result ?? FeelType.Null;
    }

    public static bool Compatible(FeelType a, FeelType b) =>
        a.IsLoose || b.IsLoose
        || (a.Kind == b.Kind && (a.Element is null || b.Element is null || Compatible(a.Element, b.Element)));

    private static bool Ordered(FeelType t) => t.Kind is FeelTypeKind.Number or FeelTypeKind.String or FeelTypeKind.Date
        or FeelTypeKind.Time or FeelTypeKind.DateTime or FeelTypeKind.DaysTimeDuration or FeelTypeKind.YearsMonthsDuration || t.IsLoose;

    private FeelType Range(RangeExpr range)
    {
        var (start, end) = (TypeOf(range.Start), TypeOf(range.End));
        if (!Ordered(start) || !Ordered(end) || !Compatible(start, end))
            Report(range.Position, $"range bounds must be numbers, strings, dates, times or durations of one type, not {start} and {end}", FeelType.Any);
        return FeelType.RangeOf(Unify([start, end]));
    }

    private FeelType Negate(NegateExpr negate)
    {
        var operand = TypeOf(negate.Operand);
        return operand.Kind is FeelTypeKind.Number or FeelTypeKind.DaysTimeDuration or FeelTypeKind.YearsMonthsDuration ? operand
            : operand.Kind == FeelTypeKind.Null ? FeelType.Number
            : operand.Kind == FeelTypeKind.Any ? FeelType.Any
            : Report(negate.Position, $"operator '-' cannot be applied to {operand}", FeelType.Null);
    }

    private FeelType Binary(BinaryExpr binary) =>
        OperatorType(binary.Operator, TypeOf(binary.Left), TypeOf(binary.Right), binary.Position);

    public FeelType OperatorType(FeelBinaryOperator op, FeelType left, FeelType right, FeelPosition position)
    {
        var result = ResultType(op, left, right);
        return result is not null ? result : Report(position,
            $"operator '{Symbol(op)}' cannot be applied to {left} and {right}",
            IsArithmetic(op) ? FeelType.Null : FeelType.Boolean);
    }

    /// <summary>The result type of an operator, or null when the operand types cannot work.</summary>
    public static FeelType? ResultType(FeelBinaryOperator op, FeelType left, FeelType right)
    {
        switch (op)
        {
            case FeelBinaryOperator.And or FeelBinaryOperator.Or:
                return IsBooleanLike(left) && IsBooleanLike(right) ? FeelType.Boolean : null;
            case FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual:
                return Compatible(left, right) ? FeelType.Boolean : null;
            case FeelBinaryOperator.Less or FeelBinaryOperator.LessOrEqual or FeelBinaryOperator.Greater or FeelBinaryOperator.GreaterOrEqual:
                return Ordered(left) && Ordered(right) && Compatible(left, right) ? FeelType.Boolean : null;
        }
        // An operand of unknown type may be a duration or date at run time, so the result is unknown too.
        if (left.Kind == FeelTypeKind.Any || right.Kind == FeelTypeKind.Any) return FeelType.Any;
        if (IsNumberLike(left) && IsNumberLike(right))
            return left.Kind == FeelTypeKind.Number || right.Kind == FeelTypeKind.Number ? FeelType.Number : Loose(left, right);
        if (op == FeelBinaryOperator.Add && IsStringLike(left) && IsStringLike(right))
            return FeelType.String;
        return TemporalResult(op, left.Kind == FeelTypeKind.Null ? right.Kind : left.Kind, right.Kind == FeelTypeKind.Null ? left.Kind : right.Kind);
    }

    /// <summary>Date, time and duration arithmetic (DMN 1.5 table 57).</summary>
    private static FeelType? TemporalResult(FeelBinaryOperator op, FeelTypeKind l, FeelTypeKind r)
    {
        const FeelTypeKind dt = FeelTypeKind.DaysTimeDuration, ym = FeelTypeKind.YearsMonthsDuration, n = FeelTypeKind.Number;
        static bool IsDuration(FeelTypeKind k) => k is FeelTypeKind.DaysTimeDuration or FeelTypeKind.YearsMonthsDuration;
        static FeelType Of(FeelTypeKind k) => new(k);
        switch (op)
        {
            case FeelBinaryOperator.Add:
                if (l == r && IsDuration(l)) return Of(l);
                if (l is FeelTypeKind.Date or FeelTypeKind.DateTime && IsDuration(r)) return Of(l);
                if (r is FeelTypeKind.Date or FeelTypeKind.DateTime && IsDuration(l)) return Of(r);
                if ((l, r) is (FeelTypeKind.Time, dt) or (dt, FeelTypeKind.Time)) return FeelType.Time;
                return null;
            case FeelBinaryOperator.Subtract:
                if (l == r && IsDuration(l)) return Of(l);
                if (l == r && l is FeelTypeKind.Date or FeelTypeKind.DateTime or FeelTypeKind.Time) return FeelType.DaysTimeDuration;
                if ((l, r) is (FeelTypeKind.Date, FeelTypeKind.DateTime) or (FeelTypeKind.DateTime, FeelTypeKind.Date)) return FeelType.DaysTimeDuration;
                if (l is FeelTypeKind.Date or FeelTypeKind.DateTime && IsDuration(r)) return Of(l);
                if ((l, r) is (FeelTypeKind.Time, dt)) return FeelType.Time;
                return null;
            case FeelBinaryOperator.Multiply:
                if (IsDuration(l) && r == n) return Of(l);
                if (IsDuration(r) && l == n) return Of(r);
                return null;
            case FeelBinaryOperator.Divide:
                if (IsDuration(l) && r == n) return Of(l);
                if (IsDuration(l) && l == r) return FeelType.Number;
                return null;
            default:
                _ = ym;
                return null;
        }
    }

    private static FeelType Loose(FeelType a, FeelType b) => a.Kind == FeelTypeKind.Any || b.Kind == FeelTypeKind.Any ? FeelType.Any : FeelType.Null;

    private static bool IsNumberLike(FeelType t) => t.Kind == FeelTypeKind.Number || t.IsLoose;

    private static bool IsStringLike(FeelType t) => t.Kind == FeelTypeKind.String || t.IsLoose;

    private static bool IsBooleanLike(FeelType t) => t.Kind == FeelTypeKind.Boolean || t.IsLoose;

    public static bool IsArithmetic(FeelBinaryOperator op) => op <= FeelBinaryOperator.Power;

    public static string Symbol(FeelBinaryOperator op) => op switch
    {
        FeelBinaryOperator.Add => "+",
        FeelBinaryOperator.Subtract => "-",
        FeelBinaryOperator.Multiply => "*",
        FeelBinaryOperator.Divide => "/",
        FeelBinaryOperator.Power => "**",
        FeelBinaryOperator.Equal => "=",
        FeelBinaryOperator.NotEqual => "!=",
        FeelBinaryOperator.Less => "<",
        FeelBinaryOperator.LessOrEqual => "<=",
        FeelBinaryOperator.Greater => ">",
        FeelBinaryOperator.GreaterOrEqual => ">=",
        FeelBinaryOperator.And => "and",
        _ => "or",
    };

    private FeelType Between(BetweenExpr between)
    {
        var types = new[] { TypeOf(between.Value), TypeOf(between.Low), TypeOf(between.High) };
        var concreteKinds = types.Where(t => !t.IsLoose).Select(t => t.Kind).Distinct().Count();
        if (!types.All(Ordered) || concreteKinds > 1)
            Report(between.Position, $"'between' needs numbers, strings, dates, times or durations of one type, not {string.Join(", ", types.Select(t => t.ToString()))}", FeelType.Boolean);
        return FeelType.Boolean;
    }

    private FeelType In(InExpr @in)
    {
        CheckTests(@in.Tests, TypeOf(@in.Value));
        return FeelType.Boolean;
    }

    public void CheckTests(IReadOnlyList<UnaryTest> tests, FeelType input)
    {
        foreach (var test in tests)
        {
            if (test is ComparisonTest comparison)
                OperatorType(comparison.Operator, input, TypeOf(comparison.Operand), comparison.Position);
            else if (test is ValueTest value)
                CheckValueTest(value, input);
        }
    }

    private void CheckValueTest(ValueTest test, FeelType input)
    {
        var value = TypeOf(test.Value);
        var compared = value.Kind is FeelTypeKind.List or FeelTypeKind.Range && input.Kind != FeelTypeKind.List
            ? value.Element ?? FeelType.Any
            : value;
        if (!Compatible(input, compared))
            Report(test.Position, $"a {input} input cannot match a test of type {value}", FeelType.Boolean);
        else if (value.Kind == FeelTypeKind.Range && !Ordered(input))
            Report(test.Position, $"a {input} input cannot be tested against a range", FeelType.Boolean);
    }

    private FeelType If(IfExpr @if)
    {
        var condition = TypeOf(@if.Condition);
        if (!IsBooleanLike(condition))
            Report(@if.Condition.Position, $"the condition of 'if' must be boolean, not {condition}", FeelType.Any);
        return Unify([TypeOf(@if.Then), TypeOf(@if.Else)]);
    }

    private FeelType Call(CallExpr call)
    {
        foreach (var arg in call.Arguments) TypeOf(arg.Value);
        if (call.Function is "today" or "now" && call.Arguments.Count == 0) return EvaluationDate(call);
        if (!FeelFunctions.IsKnown(call.Function) && Local(call.Function) is { } local)
            return local.Kind is FeelTypeKind.Function or FeelTypeKind.Any ? FeelType.Any : Report(call.Position, $"'{call.Function}' is a {local}, not a function", FeelType.Any);
        // A function value given from outside (a DMN business knowledge model or decision service): evaluated,
        // but reported, as a catalogue calls only built-in functions (the TCK runner ignores the report).
        if (!FeelFunctions.IsKnown(call.Function) && resolve(call.Function) is { Kind: FeelTypeKind.Function or FeelTypeKind.Any })
        {
            OuterNames.Add(call.Function);
            return Report(call.Position, $"'{call.Function}' is not a built-in function: {FeelTypeChecker.NoFunctionsInCatalogues}", FeelType.Any);
        }
        var resolved = FeelFunctions.Resolve(call, out var error, TypeOf);
        if (resolved is null) return Report(call.Position, error!, FeelType.Null);
        if (resolved.Overload is not { } overload) return AggregateType(resolved, call);
        var type = CheckArguments(overload, resolved.Arguments, call);
        // duration("P2Y") is a years-and-months duration, duration("P1D") a days-and-time one: a literal says which.
        if (call.Function == "duration" && resolved.Arguments is [StringLiteral literal])
        {
            return FeelTemporal.ParseDuration(literal.Value) switch
            {
                FeelYearsMonths => FeelType.YearsMonthsDuration,
                FeelDuration => FeelType.DaysTimeDuration,
                _ => Report(literal.Position, $"\"{literal.Value}\" is not a duration (write e.g. \"P2Y\", \"P6M\", \"P30D\" or \"PT12H\")", FeelType.Null),
            };
        }
        return type;
    }

    // today() and now() read the evaluation date the engine was given (never the machine's clock).
    private FeelType EvaluationDate(CallExpr call)
    {
        if (resolve(FeelLibrary.EvaluationDateName) is { } type)
        {
            OuterNames.Add(FeelLibrary.EvaluationDateName);
            if (type.Kind is not (FeelTypeKind.Date or FeelTypeKind.Any))
                return Report(call.Position, $"'{FeelLibrary.EvaluationDateName}' must be a date for {call.Function}(), not {type}", FeelType.Any);
            return call.Function == "today" ? FeelType.Date : FeelType.DateTime;
        }
        return Report(call.Position, $"{call.Function}() answers the evaluation date, but no '{FeelLibrary.EvaluationDateName}' is given here", FeelType.Any);
    }

    private FeelType CheckArguments(FeelOverload overload, IReadOnlyList<FeelExpr> args, CallExpr call)
    {
        for (var i = 0; i < Math.Min(args.Count, overload.ParameterTypes.Length); i++)
        {
            var actual = TypeOf(args[i]);
            if (!Compatible(actual, overload.ParameterTypes[i]))
                Report(args[i].Position, $"function '{call.Function}' expects {overload.ParameterTypes[i]} for '{overload.Parameters[i]}', not {actual}", FeelType.Any);
            else if (overload.Accepts?[i] is { } kinds && !actual.IsLoose && !kinds.Contains(actual.Kind))
                Report(args[i].Position, $"function '{call.Function}' expects {string.Join(" or ", kinds.Select(k => new FeelType(k).ToString()))} for '{overload.Parameters[i]}', not {actual}", FeelType.Any);
        }
        return overload.Result;
    }

    private FeelType AggregateType(ResolvedCall resolved, CallExpr call)
    {
        var types = resolved.Arguments.Select(TypeOf).ToArray();
        var items = types.Length == 1 && types[0].Kind == FeelTypeKind.List ? types[0].Element ?? FeelType.Any : Unify(types);
        if (types.Length == 1 && types[0].Kind == FeelTypeKind.Any) items = FeelType.Any;
        var mixed = types.Length > 1 && items.Kind == FeelTypeKind.Any && types.All(t => t.Kind != FeelTypeKind.Any);
        var ok = !mixed && resolved.Aggregate switch
        {
            AggregateKind.Sum or AggregateKind.Mean or AggregateKind.Product or AggregateKind.Median or AggregateKind.Stddev or AggregateKind.Mode => IsNumberLike(items),
            AggregateKind.All or AggregateKind.Any => IsBooleanLike(items),
            _ => Ordered(items),
        };
        if (!ok) Report(call.Position, $"function '{call.Function}' cannot work on items of type {items}", FeelType.Any);
        return resolved.Aggregate switch
        {
            AggregateKind.Sum or AggregateKind.Mean or AggregateKind.Product or AggregateKind.Median or AggregateKind.Stddev => FeelType.Number,
            AggregateKind.Mode => FeelType.ListOf(FeelType.Number),
            AggregateKind.All or AggregateKind.Any => FeelType.Boolean,
            _ => ok ? items : FeelType.Any,
        };
    }
}
