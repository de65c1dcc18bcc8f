namespace Evaluation.Rules.Feel;

/// <summary>Load-time type checking: every name resolves, operand and argument types agree.</summary>
public static class FeelTypeChecker
{
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
        _ => Report(expr.Position, $"unsupported expression {expr.GetType().Name}", FeelType.Any),
    };

    private FeelType Report(FeelPosition position, string message, FeelType result)
    {
        diagnostics.Add(new FeelDiagnostic(message, position));
        return result;
    }

    private FeelType Name(NameExpr name) =>
        resolve(name.Name) ?? Report(name.Position, $"unknown name '{name.Name}'", FeelType.Any);

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

    private static bool Ordered(FeelType t) => t.Kind is FeelTypeKind.Number or FeelTypeKind.String or FeelTypeKind.Date || t.IsLoose;

    private FeelType Range(RangeExpr range)
    {
        var (start, end) = (TypeOf(range.Start), TypeOf(range.End));
        if (!Ordered(start) || !Ordered(end) || !Compatible(start, end))
            Report(range.Position, $"range bounds must be numbers, strings or dates of one type, not {start} and {end}", FeelType.Any);
        return FeelType.RangeOf(Unify([start, end]));
    }

    private FeelType Negate(NegateExpr negate)
    {
        var operand = TypeOf(negate.Operand);
        return operand.Kind == FeelTypeKind.Number || operand.IsLoose
            ? FeelType.Number
            : Report(negate.Position, $"operator '-' cannot be applied to {operand}", FeelType.Number);
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
        if (IsNumberLike(left) && IsNumberLike(right))
            return left.Kind == FeelTypeKind.Number || right.Kind == FeelTypeKind.Number ? FeelType.Number : Loose(left, right);
        if (op == FeelBinaryOperator.Add && IsStringLike(left) && IsStringLike(right))
            return FeelType.String;
        return null;
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
            Report(between.Position, $"'between' needs numbers, strings or dates of one type, not {string.Join(", ", types.Select(t => t.ToString()))}", FeelType.Boolean);
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
        var resolved = FeelFunctions.Resolve(call, out var error);
        if (resolved is null) return Report(call.Position, error!, FeelType.Null);
        return resolved.Overload is { } overload ? CheckArguments(overload, resolved.Arguments, call) : AggregateType(resolved, call);
    }

    private FeelType CheckArguments(FeelOverload overload, IReadOnlyList<FeelExpr> args, CallExpr call)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var actual = TypeOf(args[i]);
            if (!Compatible(actual, overload.ParameterTypes[i]))
                Report(args[i].Position, $"function '{call.Function}' expects {overload.ParameterTypes[i]} for '{overload.Parameters[i]}', not {actual}", FeelType.Any);
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
            AggregateKind.Sum => IsNumberLike(items),
            AggregateKind.All or AggregateKind.Any => IsBooleanLike(items),
            _ => Ordered(items),
        };
        if (!ok) Report(call.Position, $"function '{call.Function}' cannot work on items of type {items}", FeelType.Any);
        return resolved.Aggregate switch
        {
            AggregateKind.Sum => FeelType.Number,
            AggregateKind.All or AggregateKind.Any => FeelType.Boolean,
            _ => ok ? items : FeelType.Any,
        };
    }
}
