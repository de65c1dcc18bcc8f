using System.Linq.Expressions;
using System.Reflection;
using static System.Linq.Expressions.Expression;

namespace Evaluation.Rules.Feel;

/// <summary>
/// Emits expression trees. Each node becomes an expression of the ClrType of its inferred FEEL type. Operands
/// whose static types are known take typed paths (decimal?, bool?, string, FeelDate? helpers; no boxing);
/// anything else goes through the same object-level FeelRuntime operations the interpreter uses, so both agree.
/// </summary>
internal sealed class FeelEmitter(FeelTyping typing, Func<string, Expression> bind)
{
    private static readonly ConstructorInfo RangeConstructor =
        typeof(FeelRange).GetConstructor([typeof(object), typeof(bool), typeof(object), typeof(bool)])!;

    public Expression Emit(FeelExpr expr) => Coerce(EmitRaw(expr), typing.TypeOf(expr).ClrType);

    private Expression EmitRaw(FeelExpr expr) => expr switch
    {
        NumberLiteral n => Constant((decimal?)n.Value, typeof(decimal?)),
        StringLiteral s => Constant(s.Value, typeof(string)),
        BooleanLiteral b => Constant((bool?)b.Value, typeof(bool?)),
        NullLiteral => Constant(null, typeof(object)),
        NameExpr name => bind(name.Name),
        ListExpr list => EmitList(list),
        RangeExpr range => New(RangeConstructor, Box(Emit(range.Start)), Constant(range.StartIncluded), Box(Emit(range.End)), Constant(range.EndIncluded)),
        NegateExpr negate => EmitNegate(negate),
        BinaryExpr binary => EmitBinary(binary.Operator, Emit(binary.Left), typing.TypeOf(binary.Left), Emit(binary.Right), typing.TypeOf(binary.Right)),
        BetweenExpr between => EmitBetween(between),
        InExpr @in => WithTemp(Emit(@in.Value), input => EmitDisjunction(@in.Tests, input, typing.TypeOf(@in.Value))),
        IfExpr @if => EmitIf(@if),
        CallExpr { Function: "today" or "now", Arguments.Count: 0 } call => EmitInterpreted(call),
        CallExpr call when CallsOuterFunction(call) => EmitInterpreted(call),
        CallExpr call => EmitCall(call),
        ContextExpr or PathExpr or FilterExpr or ForExpr or QuantifiedExpr or FunctionExpr or InvokeExpr or UnaryTestExpr or InstanceOfExpr => EmitInterpreted(expr),
        _ => throw new NotSupportedException($"cannot compile {expr.GetType().Name}"),
    };

    // A call of a function value given from outside (a DMN business knowledge model); typing the call first
    // records the name among the outer names.
    private bool CallsOuterFunction(CallExpr call)
    {
        if (FeelFunctions.IsKnown(call.Function)) return false;
        typing.TypeOf(call);
        return typing.OuterNames.Contains(call.Function);
    }

    private static readonly MethodInfo EvaluateBound = typeof(FeelInterpreter).GetMethod(nameof(FeelInterpreter.EvaluateBound))!;

    /// <summary>
    /// Contexts, paths, filters, for, some/every and function definitions: a call of the reference interpreter
    /// for the subtree, with the names it reads from outside bound to their compiled values. One implementation
    /// of their semantics; such nodes are not on the catalogue's hot path (they work on lists and contexts).
    /// </summary>
    private Expression EmitInterpreted(FeelExpr expr)
    {
        typing.TypeOf(expr);
        var names = FeelAnalysis.FreeNames(expr).Where(typing.OuterNames.Contains).Order(StringComparer.Ordinal).ToArray();
        var values = NewArrayInit(typeof(object), names.Select(n => Box(bind(n))));
        return Call(EvaluateBound, Constant(expr, typeof(FeelExpr)), Constant(names), values);
    }

    // ---- conversions ----

    public static Expression Box(Expression e) => Coerce(e, typeof(object));

    /// <summary>
    /// Whether a value is null, as a plain test: <c>!x.HasValue</c> for a nullable value type, a reference
    /// comparison for a reference type, false for a non-nullable value type. Not <c>Equal(x, null)</c>: on
    /// <c>decimal?</c> that binds the lifted <c>decimal.op_Equality</c>, and the expression compiler then emits the
    /// full lifted comparison (a decimal comparison that never runs, but is compiled).
    /// </summary>
    public static Expression IsNull(Expression e) =>
        Nullable.GetUnderlyingType(e.Type) is not null ? Not(Property(e, nameof(Nullable<int>.HasValue)))
        : e.Type.IsValueType ? Constant(false)
        : ReferenceEqual(e, Constant(null, e.Type));

    /// <summary>The negation of <see cref="IsNull"/>.</summary>
    public static Expression IsNotNull(Expression e) =>
        Nullable.GetUnderlyingType(e.Type) is not null ? Property(e, nameof(Nullable<int>.HasValue))
        : e.Type.IsValueType ? Constant(true)
        : ReferenceNotEqual(e, Constant(null, e.Type));

    /// <summary>FEEL's "is true" of a <c>bool?</c> (null and false are not): its value or false.</summary>
    public static Expression IsTrue(Expression e) =>
        e.Type == typeof(bool) ? e : Call(e, typeof(bool?).GetMethod(nameof(Nullable<bool>.GetValueOrDefault), Type.EmptyTypes)!);

    /// <summary>Converts between CLR representations; a value of the wrong FEEL type becomes null.</summary>
    public static Expression Coerce(Expression e, Type target)
    {
        if (e.Type == target) return e;
        if (target == typeof(object)) return Convert(e, typeof(object));
        if (target == typeof(decimal?) && e.Type is var t && (t == typeof(decimal) || t == typeof(int) || t == typeof(long)))
            return Convert(t == typeof(decimal) ? e : Convert(e, typeof(decimal)), target);
        if (Nullable.GetUnderlyingType(target) == e.Type) return Convert(e, target);
        // A host DateOnly (facts, parameters) is a FEEL date: the implicit conversion, lifted over null.
        if (target == typeof(FeelDate?) && (e.Type == typeof(DateOnly) || e.Type == typeof(DateOnly?))) return Convert(e, target);
        var boxed = e.Type == typeof(object) ? e : Convert(e, typeof(object));
        return Call(Runtime(AsMethodFor(target), typeof(object)), boxed);
    }

    private static string AsMethodFor(Type target) =>
        target == typeof(decimal?) ? nameof(FeelRuntime.AsNumber)
        : target == typeof(bool?) ? nameof(FeelRuntime.AsBoolean)
        : target == typeof(string) ? nameof(FeelRuntime.AsString)
        : target == typeof(FeelDate?) ? nameof(FeelRuntime.AsDate)
        : target == typeof(IReadOnlyList<object?>) ? nameof(FeelRuntime.AsList)
        : target == typeof(FeelRange) ? nameof(FeelRuntime.AsRange)
        : throw new NotSupportedException($"no FEEL representation {target}");

    public static MethodInfo Runtime(string name, params Type[] parameters) =>
        typeof(FeelRuntime).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new InvalidOperationException($"FeelRuntime.{name}({string.Join(", ", parameters.Select(p => p.Name))}) not found");

    private static MethodInfo RuntimeGeneric(string name, Type typeArgument) =>
        typeof(FeelRuntime).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == name && m.IsGenericMethodDefinition)
            .MakeGenericMethod(typeArgument);

    private static Expression WithTemp(Expression value, Func<Expression, Expression> body)
    {
        if (value is ParameterExpression or ConstantExpression) return body(value);
        var temp = Variable(value.Type, "t");
        var result = body(temp);
        return Block(result.Type, [temp], Assign(temp, value), result);
    }

    // ---- nodes ----

    private Expression EmitList(ListExpr list)
    {
        if (list.Items.All(i => i is NumberLiteral or StringLiteral or BooleanLiteral or NullLiteral))
        {
            var values = list.Items.Select(i => FeelInterpreter.Evaluate(i, _ => null)).ToArray();
            return Constant(values, typeof(IReadOnlyList<object?>));
        }
        return Convert(NewArrayInit(typeof(object), list.Items.Select(i => Box(Emit(i)))), typeof(IReadOnlyList<object?>));
    }

    private Expression EmitNegate(NegateExpr negate) => typing.TypeOf(negate.Operand).Kind == FeelTypeKind.Number
        ? Call(Runtime(nameof(FeelRuntime.Negate), typeof(decimal?)), Emit(negate.Operand))
        : Call(Runtime(nameof(FeelRuntime.Negate), typeof(object)), Box(Emit(negate.Operand)));

    /// <summary>An operator on compiled operands of the given FEEL types.</summary>
    private static Expression EmitBinary(FeelBinaryOperator op, Expression left, FeelType lt, Expression right, FeelType rt)
    {
        if (op is FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual && (lt.Kind == FeelTypeKind.Null || rt.Kind == FeelTypeKind.Null))
            return EmitNullEquality(op, lt.Kind == FeelTypeKind.Null ? right : left);
        var name = op.ToString();
        var same = lt.Kind == rt.Kind ? lt.Kind : (FeelTypeKind?)null;
        if (EmitLifted(op, same, left, right) is { } lifted) return lifted;
        var typed = (op, same) switch
        {
            (_, null) => null,
            (<= FeelBinaryOperator.Power, FeelTypeKind.Number) => Runtime(name, typeof(decimal?), typeof(decimal?)),
            (FeelBinaryOperator.Add, FeelTypeKind.String) => Runtime(nameof(FeelRuntime.Concat), typeof(string), typeof(string)),
            (FeelBinaryOperator.And or FeelBinaryOperator.Or, FeelTypeKind.Boolean) => Runtime(name, typeof(bool?), typeof(bool?)),
            (>= FeelBinaryOperator.Equal and <= FeelBinaryOperator.GreaterOrEqual, FeelTypeKind.Number) => RuntimeGeneric(name, typeof(decimal)),
            (>= FeelBinaryOperator.Equal and <= FeelBinaryOperator.GreaterOrEqual, FeelTypeKind.Date) => RuntimeGeneric(name, typeof(FeelDate)),
            (>= FeelBinaryOperator.Equal and <= FeelBinaryOperator.GreaterOrEqual, FeelTypeKind.String) => Runtime(name, typeof(string), typeof(string)),
            (FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual, FeelTypeKind.Boolean) => RuntimeGeneric(name, typeof(bool)),
            _ => null,
        };
        if (typed is not null) return Call(typed, Coerce(left, typed.GetParameters()[0].ParameterType), Coerce(right, typed.GetParameters()[1].ParameterType));
        return Call(Runtime(name, typeof(object), typeof(object)), Box(left), Box(right));
    }

    // On the engine's hot path, number comparisons and boolean and/or compile to the lifted operators
    // themselves, which already are FEEL's semantics: a comparison with null is null (liftToNull), equality
    // treats null = null as true, and lifted & and | on bool? are the three-valued and/or. No helper calls.
    private static Expression? EmitLifted(FeelBinaryOperator op, FeelTypeKind? same, Expression left, Expression right)
    {
        if (same == FeelTypeKind.Number && op is >= FeelBinaryOperator.Equal and <= FeelBinaryOperator.GreaterOrEqual)
        {
            var (l, r) = (Coerce(left, typeof(decimal?)), Coerce(right, typeof(decimal?)));
            return op switch
            {
                FeelBinaryOperator.Equal => Convert(Equal(l, r), typeof(bool?)),
                FeelBinaryOperator.NotEqual => Convert(NotEqual(l, r), typeof(bool?)),
                FeelBinaryOperator.Less => LessThan(l, r, liftToNull: true, method: null),
                FeelBinaryOperator.LessOrEqual => LessThanOrEqual(l, r, liftToNull: true, method: null),
                FeelBinaryOperator.Greater => GreaterThan(l, r, liftToNull: true, method: null),
                _ => GreaterThanOrEqual(l, r, liftToNull: true, method: null),
            };
        }
        if (same == FeelTypeKind.Boolean && op is FeelBinaryOperator.And or FeelBinaryOperator.Or)
        {
            var (l, r) = (Coerce(left, typeof(bool?)), Coerce(right, typeof(bool?)));
            return op == FeelBinaryOperator.And ? And(l, r) : Or(l, r);
        }
        return null;
    }

    // "x = null" is the catalogue's way to test for a missing value: compile it to a null check.
    private static Expression EmitNullEquality(FeelBinaryOperator op, Expression other)
    {
        var isNull = IsNull(other);
        return Convert(op == FeelBinaryOperator.Equal ? isNull : Not(isNull), typeof(bool?));
    }

    private Expression EmitBetween(BetweenExpr between)
    {
        var (vt, lt, ht) = (typing.TypeOf(between.Value), typing.TypeOf(between.Low), typing.TypeOf(between.High));
        var typed = vt == lt && lt == ht && vt.Kind is FeelTypeKind.Number or FeelTypeKind.String or FeelTypeKind.Date;
        if (!typed)
            return Call(Runtime(nameof(FeelRuntime.Between), typeof(object), typeof(object), typeof(object)),
                Box(Emit(between.Value)), Box(Emit(between.Low)), Box(Emit(between.High)));
        return WithTemp(Emit(between.Value), v => And(
            Coerce(EmitBinary(FeelBinaryOperator.GreaterOrEqual, v, vt, Emit(between.Low), lt), typeof(bool?)),
            Coerce(EmitBinary(FeelBinaryOperator.LessOrEqual, v, vt, Emit(between.High), ht), typeof(bool?))));
    }

    private Expression EmitIf(IfExpr @if)
    {
        var type = typing.TypeOf(@if).ClrType;
        var condition = Coerce(Emit(@if.Condition), typeof(bool?));
        return Condition(IsTrue(condition), Coerce(Emit(@if.Then), type), Coerce(Emit(@if.Else), type));
    }

    // ---- unary tests ----

    public Expression EmitCell(UnaryTests tests, Expression input)
    {
        if (tests.MatchesAnything) return Constant(true);
        var inputType = FeelType.FromClr(input.Type);
        var typedInput = Coerce(input, inputType.ClrType);
        // A missing input satisfies only "-" and an explicit null test: "not(\"D\")" must not award points for missing data.
        var nullMatches = !tests.Negated && tests.Tests.Any(t => t is ValueTest { Value: NullLiteral });
        return WithTempBool(typedInput, v =>
        {
            var disjunction = EmitDisjunction(tests.Tests, v, inputType);
            if (tests.Negated) disjunction = Not(disjunction);
            var satisfied = IsTrue(Coerce(disjunction, typeof(bool?)));
            return v.Type.IsValueType && Nullable.GetUnderlyingType(v.Type) is null
                ? satisfied
                : Condition(IsNull(v), Constant(nullMatches), satisfied);
        });
    }

    private static Expression WithTempBool(Expression value, Func<Expression, Expression> body)
    {
        if (value is ParameterExpression or ConstantExpression) return body(value);
        var temp = Variable(value.Type, "input");
        return Block(typeof(bool), [temp], Assign(temp, value), body(temp));
    }

    private Expression EmitDisjunction(IReadOnlyList<UnaryTest> tests, Expression input, FeelType inputType)
    {
        Expression? result = null;
        foreach (var test in tests)
        {
            var one = Coerce(EmitTest(test, input, inputType), typeof(bool?));
            result = result is null ? one : Or(result, one);
        }
        return result ?? Constant(false, typeof(bool?));
    }

    private Expression EmitTest(UnaryTest test, Expression input, FeelType inputType)
    {
        if (test is ComparisonTest comparison)
            return EmitBinary(comparison.Operator, input, inputType, Emit(comparison.Operand), typing.TypeOf(comparison.Operand));
        var value = ((ValueTest)test).Value;
        var valueType = typing.TypeOf(value);
        var concreteInput = inputType.Kind is not (FeelTypeKind.Any or FeelTypeKind.List);
        if (value is ListExpr list && concreteInput)
        {
            // An item of another concrete type is not the input (true in [false, 2] is false, not null).
            var items = list.Items.Where(i => typing.TypeOf(i) is var t && (t.IsLoose || t.Kind is FeelTypeKind.Null or FeelTypeKind.List or FeelTypeKind.Range || t.Kind == inputType.Kind))
                .Select(i => new ValueTest(i, i.Position)).ToArray();
            return EmitDisjunction(items, input, inputType);
        }
        if (value is RangeExpr range)
        {
            var lower = EmitBinary(range.StartIncluded ? FeelBinaryOperator.GreaterOrEqual : FeelBinaryOperator.Greater,
                input, inputType, Emit(range.Start), typing.TypeOf(range.Start));
            var upper = EmitBinary(range.EndIncluded ? FeelBinaryOperator.LessOrEqual : FeelBinaryOperator.Less,
                input, inputType, Emit(range.End), typing.TypeOf(range.End));
            return And(Coerce(lower, typeof(bool?)), Coerce(upper, typeof(bool?)));
        }
        if (concreteInput && valueType.Kind is not (FeelTypeKind.List or FeelTypeKind.Range or FeelTypeKind.Any))
            return EmitBinary(FeelBinaryOperator.Equal, input, inputType, Emit(value), valueType);
        return Call(Runtime(nameof(FeelRuntime.TestValue), typeof(object), typeof(object)), Box(input), Box(Emit(value)));
    }

    // ---- the present-operand path (ADR 0009) ----

    /// <summary>
    /// Emits <paramref name="expr"/> for operands that are known present. A name bound to a non-nullable CLR
    /// <c>decimal</c> or <c>bool</c> (the engine binds an indicator's reads that way once its missing-data test has
    /// passed), a number or boolean literal and a number parameter are present; so is every operator over present
    /// operands whose FEEL result cannot be null: + − × on numbers, ÷ by a non-zero constant, comparisons,
    /// and/or, if/then/else with present branches, min/max/sum. Those nodes compile to plain <c>decimal</c> and
    /// <c>bool</c> operations with no null checks; the result then has type <c>decimal</c> or <c>bool</c>. Any
    /// other node (÷ by a variable, which is null at 0; null tests; strings, dates, lists; an operand that may
    /// be null) takes <see cref="Emit"/>'s nullable forms over the operands emitted so far, so the result is the
    /// same FEEL value either way. One difference: decimal overflow throws <see cref="OverflowException"/> here
    /// instead of giving null; the caller runs the all-nullable plan again when it sees one.
    /// </summary>
    public Expression EmitPresent(FeelExpr expr)
    {
        switch (expr)
        {
            case NumberLiteral n:
                return Constant(n.Value);
            case BooleanLiteral b:
                return Constant(b.Value);
            case NameExpr name:
                var bound = bind(name.Name);
                if (bound is ConstantExpression { Value: decimal d }) return Constant(d);
                if (bound is ConstantExpression { Value: bool flag }) return Constant(flag);
                return bound.Type == typeof(decimal) || bound.Type == typeof(bool) ? bound : Emit(expr);
            case NegateExpr negate:
                var operand = EmitPresent(negate.Operand);
                if (operand is ConstantExpression { Value: decimal c }) return Constant(-c);
                return operand.Type == typeof(decimal) ? Negate(operand) : Emit(expr);
            case BinaryExpr binary:
                return EmitPresentBinary(binary);
            case IfExpr @if:
                return EmitPresentIf(@if);
            case CallExpr call:
                return EmitPresentAggregate(call) ?? Emit(expr);
            default:
                return Emit(expr);
        }
    }

    private Expression EmitPresentBinary(BinaryExpr binary)
    {
        var (op, lt, rt) = (binary.Operator, typing.TypeOf(binary.Left), typing.TypeOf(binary.Right));
        if (op is FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual && (lt.Kind == FeelTypeKind.Null || rt.Kind == FeelTypeKind.Null))
            return Emit(binary);
        var (l, r) = (EmitPresent(binary.Left), EmitPresent(binary.Right));
        if (l.Type == typeof(decimal) && r.Type == typeof(decimal))
        {
            Expression? present = op switch
            {
                FeelBinaryOperator.Add => Add(l, r),
                FeelBinaryOperator.Subtract => Subtract(l, r),
                FeelBinaryOperator.Multiply => Multiply(l, r),
                FeelBinaryOperator.Divide when r is ConstantExpression { Value: decimal divisor } && divisor != 0m => Divide(l, r),
                FeelBinaryOperator.Equal or FeelBinaryOperator.NotEqual or FeelBinaryOperator.Less or FeelBinaryOperator.LessOrEqual
                    or FeelBinaryOperator.Greater or FeelBinaryOperator.GreaterOrEqual => Compare(op, l, r),
                _ => null,
            };
            if (present is not null) return Fold(present);
            // ÷ by a present variable: null only at 0, tested inline (no helper call); the result is nullable.
            if (op == FeelBinaryOperator.Divide)
                return WithTemp(r, divisor => Condition(Compare(FeelBinaryOperator.Equal, divisor, Constant(0m)), Constant(null, typeof(decimal?)), Convert(Divide(l, divisor), typeof(decimal?))));
        }
        if (l.Type == typeof(bool) && r.Type == typeof(bool))
        {
            Expression? present = op switch
            {
                FeelBinaryOperator.And => AndAlso(l, r),
                FeelBinaryOperator.Or => OrElse(l, r),
                FeelBinaryOperator.Equal => Equal(l, r),
                FeelBinaryOperator.NotEqual => NotEqual(l, r),
                _ => null,
            };
            if (present is not null) return present;
        }
        return Coerce(EmitBinary(op, l, lt, r, rt), typing.TypeOf(binary).ClrType);
    }

    /// <summary>A comparison of two present decimals: a call to the FeelRuntime comparison (see there why).</summary>
    private static Expression Compare(FeelBinaryOperator op, Expression l, Expression r) => Call(Runtime(op switch
    {
        FeelBinaryOperator.Equal => nameof(FeelRuntime.Eq),
        FeelBinaryOperator.NotEqual => nameof(FeelRuntime.Ne),
        FeelBinaryOperator.Less => nameof(FeelRuntime.Lt),
        FeelBinaryOperator.LessOrEqual => nameof(FeelRuntime.Le),
        FeelBinaryOperator.Greater => nameof(FeelRuntime.Gt),
        _ => nameof(FeelRuntime.Ge),
    }, typeof(decimal), typeof(decimal)), l, r);

    // Constant operands are folded at compile time (0.95 − 0.6, a linear span): decimal arithmetic is exact
    // and deterministic, so the result is what the plan would compute. An overflow is left for run time.
    private static Expression Fold(Expression e)
    {
        if (e is not BinaryExpression { Left: ConstantExpression { Value: decimal a }, Right: ConstantExpression { Value: decimal b } } binary) return e;
        try
        {
            return binary.NodeType switch
            {
                ExpressionType.Add => Constant(a + b),
                ExpressionType.Subtract => Constant(a - b),
                ExpressionType.Multiply => Constant(a * b),
                ExpressionType.Divide => Constant(a / b),
                _ => e,
            };
        }
        catch (OverflowException)
        {
            return e;
        }
    }

    private Expression EmitPresentIf(IfExpr @if)
    {
        var condition = EmitPresent(@if.Condition);
        var test = condition.Type == typeof(bool) ? condition : IsTrue(Coerce(condition, typeof(bool?)));
        var (then, @else) = (EmitPresent(@if.Then), EmitPresent(@if.Else));
        if (then.Type == @else.Type && (then.Type == typeof(decimal) || then.Type == typeof(bool))) return Condition(test, then, @else);
        var type = typing.TypeOf(@if).ClrType;
        return Condition(test, Coerce(then, type), Coerce(@else, type));
    }

    private Expression? EmitPresentAggregate(CallExpr call)
    {
        var resolved = FeelFunctions.Resolve(call, out _, typing.TypeOf);
        if (resolved is null || resolved.Overload is not null || resolved.Aggregate is not (AggregateKind.Min or AggregateKind.Max or AggregateKind.Sum))
            return null;
        var args = resolved.Arguments;
        if (args is [ListExpr list] && list.Items.Count > 0 && list.Items.All(i => typing.TypeOf(i).Kind == FeelTypeKind.Number))
            args = list.Items;
        if (args.Count == 0 || args.Any(a => typing.TypeOf(a).Kind != FeelTypeKind.Number)) return null;
        var emitted = args.Select(EmitPresent).ToList();
        if (emitted.Any(e => e.Type != typeof(decimal))) return null;
        var method = resolved.Aggregate switch
        {
            AggregateKind.Min => typeof(Math).GetMethod(nameof(Math.Min), [typeof(decimal), typeof(decimal)])!,
            AggregateKind.Max => typeof(Math).GetMethod(nameof(Math.Max), [typeof(decimal), typeof(decimal)])!,
            _ => null,
        };
        return emitted.Aggregate((acc, next) => method is null ? Add(acc, next) : Call(method, acc, next));
    }

    /// <summary>
    /// A cell over a present number or boolean input whose tests are comparisons, ranges, values or lists of
    /// present operands: a plain bool with no null handling (the input cannot be null, so only "-" and the
    /// tests decide). Null when the cell needs the general form (<see cref="EmitCell"/>).
    /// </summary>
    public Expression? EmitPresentCell(UnaryTests tests, Expression input)
    {
        if (tests.MatchesAnything) return Constant(true);
        if (input.Type != typeof(decimal) && input.Type != typeof(bool)) return null;
        var disjunction = PresentDisjunction(tests.Tests, input);
        return disjunction is null ? null : tests.Negated ? Not(disjunction) : disjunction;
    }

    private Expression? PresentDisjunction(IEnumerable<UnaryTest> tests, Expression input)
    {
        Expression? result = null;
        foreach (var test in tests)
        {
            var one = PresentTest(test, input);
            if (one is null) return null;
            result = result is null ? one : OrElse(result, one);
        }
        return result;
    }

    private Expression? PresentTest(UnaryTest test, Expression input)
    {
        switch (test)
        {
            case ComparisonTest comparison:
                return PresentCompare(comparison.Operator, input, comparison.Operand);
            case ValueTest { Value: RangeExpr range }:
                var lower = PresentCompare(range.StartIncluded ? FeelBinaryOperator.GreaterOrEqual : FeelBinaryOperator.Greater, input, range.Start);
                var upper = PresentCompare(range.EndIncluded ? FeelBinaryOperator.LessOrEqual : FeelBinaryOperator.Less, input, range.End);
                return lower is null || upper is null ? null : AndAlso(lower, upper);
            case ValueTest { Value: ListExpr list }:
                return PresentDisjunction(list.Items.Select(i => new ValueTest(i, i.Position)), input);
            case ValueTest { Value: NullLiteral }:
                return null;
            case ValueTest value:
                return PresentCompare(FeelBinaryOperator.Equal, input, value.Value);
            default:
                return null;
        }
    }

    private Expression? PresentCompare(FeelBinaryOperator op, Expression input, FeelExpr operandExpr)
    {
        var operand = EmitPresent(operandExpr);
        if (operand.Type != input.Type) return null;
        if (input.Type == typeof(bool))
            return op switch { FeelBinaryOperator.Equal => Equal(input, operand), FeelBinaryOperator.NotEqual => NotEqual(input, operand), _ => null };
        return op is >= FeelBinaryOperator.Equal and <= FeelBinaryOperator.GreaterOrEqual ? Compare(op, input, operand) : null;
    }

    // ---- calls ----

    private Expression EmitCall(CallExpr call)
    {
        var resolved = FeelFunctions.Resolve(call, out _, typing.TypeOf);
        if (resolved is null) return Constant(null, typeof(object));
        if (resolved.Overload is { } overload) return EmitOverload(overload, resolved.Arguments);
        return EmitAggregate(resolved);
    }

    private Expression EmitOverload(FeelOverload overload, IReadOnlyList<FeelExpr> args)
    {
        // date("2018-06-30") is a literal in all but syntax: parse it once, at compile time.
        if (overload.Method.DeclaringType == typeof(FeelBuiltins) && overload.Method.Name == nameof(FeelBuiltins.Date) && args is [StringLiteral text])
            return Constant(FeelBuiltins.Date(text.Value), typeof(FeelDate?));
        if (overload.Variadic) return Call(overload.Method, NewArrayInit(typeof(object), args.Select(a => Box(Emit(a)))));
        var parameters = overload.Method.GetParameters();
        return Call(overload.Method, args.Select((a, i) => overload.Accepts?[i] is [FeelTypeKind.List]
            ? Call(Runtime(nameof(FeelRuntime.SingletonList), typeof(object)), Box(Emit(a)))
            : Coerce(Emit(a), parameters[i].ParameterType)));
    }

    private Expression EmitAggregate(ResolvedCall resolved)
    {
        var args = resolved.Arguments;
        // min([a, b, c]) with number items is min(a, b, c): direct comparisons, no list allocated.
        if (args is [ListExpr list] && list.Items.Count > 0 && list.Items.All(i => typing.TypeOf(i).Kind == FeelTypeKind.Number))
            args = list.Items;
        var kinds = args.Select(a => typing.TypeOf(a).Kind).Distinct().ToArray();
        var chain = (resolved.Aggregate, kinds) switch
        {
            (AggregateKind.Min, [FeelTypeKind.Number]) => typeof(FeelBuiltins).GetMethod(nameof(FeelBuiltins.Min)),
            (AggregateKind.Max, [FeelTypeKind.Number]) => typeof(FeelBuiltins).GetMethod(nameof(FeelBuiltins.Max)),
            (AggregateKind.Sum, [FeelTypeKind.Number]) => Runtime(nameof(FeelRuntime.Add), typeof(decimal?), typeof(decimal?)),
            (AggregateKind.All, [FeelTypeKind.Boolean]) => Runtime(nameof(FeelRuntime.And), typeof(bool?), typeof(bool?)),
            (AggregateKind.Any, [FeelTypeKind.Boolean]) => Runtime(nameof(FeelRuntime.Or), typeof(bool?), typeof(bool?)),
            _ => null,
        };
        if (chain is not null) return args.Select(Emit).Aggregate((acc, next) => Call(chain, acc, next));
        var array = NewArrayInit(typeof(object), args.Select(a => Box(Emit(a))));
        return Call(typeof(FeelFunctions).GetMethod(nameof(FeelFunctions.Aggregate))!, Constant(resolved.Aggregate), array);
    }
}
