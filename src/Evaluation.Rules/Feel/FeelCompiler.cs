using System.Linq.Expressions;

namespace Evaluation.Rules.Feel;

/// <summary>Compiles FEEL-subset expressions and cells to expression trees for one fused engine lambda.</summary>
public static class FeelCompiler
{
    /// <summary>
    /// Compiles an expression; the result's <c>.Type</c> is the ClrType of its FEEL type. Names are typed by the
    /// CLR types of the expressions <paramref name="bind"/> returns.
    /// </summary>
    public static Expression Compile(FeelExpr expr, Func<string, Expression> bind)
    {
        var cached = Cached(bind);
        return Compile(expr, cached, BindingTypes(cached).Resolve);
    }

    /// <summary>Compiles with declared FEEL types for the names (keeps list item types that CLR types lose).</summary>
    public static Expression Compile(FeelExpr expr, Func<string, Expression> bind, Func<string, FeelType?> resolve)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var emitter = new FeelEmitter(new FeelTyping(resolve, []), Cached(bind));
        return emitter.Emit(expr);
    }

    /// <summary>A bool expression: true iff <paramref name="input"/> satisfies the cell (null counts as not satisfied).</summary>
    public static Expression CompileUnaryTests(UnaryTests tests, Expression input, Func<string, Expression> bind)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(input);
        var cached = Cached(bind);
        var emitter = new FeelEmitter(new FeelTyping(BindingTypes(cached).Resolve, []), cached);
        return emitter.EmitCell(tests, input);
    }

    /// <summary>
    /// Compiles for known-present operands (<see cref="FeelEmitter.EmitPresent"/>): names bound to non-nullable
    /// <c>decimal</c>/<c>bool</c> expressions are present, and so is every operator over them whose FEEL result
    /// cannot be null; the result's <c>.Type</c> is then <c>decimal</c> or <c>bool</c>, else the nullable ClrType.
    /// Decimal overflow throws <see cref="OverflowException"/> instead of giving null.
    /// </summary>
    public static Expression CompilePresent(FeelExpr expr, Func<string, Expression> bind)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var cached = Cached(bind);
        return new FeelEmitter(new FeelTyping(BindingTypes(cached).Resolve, []), cached).EmitPresent(expr);
    }

    /// <summary>A cell over a present (non-nullable) input: plain comparisons when it can, else <see cref="CompileUnaryTests"/>.</summary>
    public static Expression CompileUnaryTestsPresent(UnaryTests tests, Expression input, Func<string, Expression> bind)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(input);
        var cached = Cached(bind);
        var emitter = new FeelEmitter(new FeelTyping(BindingTypes(cached).Resolve, []), cached);
        return emitter.EmitPresentCell(tests, input) ?? emitter.EmitCell(tests, input);
    }

    /// <summary>Compiles to a delegate that looks names up at run time and boxes the result (tests, TCK).</summary>
    public static Func<Func<string, object?>, object?> CompileDelegate(FeelExpr expr, Func<string, FeelType?> resolve)
    {
        var lookup = Expression.Parameter(typeof(Func<string, object?>), "lookup");
        var body = Compile(expr, LookupBinder(lookup, resolve), resolve);
        return Expression.Lambda<Func<Func<string, object?>, object?>>(FeelEmitter.Coerce(body, typeof(object)), lookup).Compile();
    }

    /// <summary>Compiles a cell to a delegate taking the input value and a name lookup (tests, TCK).</summary>
    public static Func<object?, Func<string, object?>, bool> CompileUnaryTestsDelegate(
        UnaryTests tests, FeelType inputType, Func<string, FeelType?> resolve)
    {
        ArgumentNullException.ThrowIfNull(inputType);
        var input = Expression.Parameter(typeof(object), "input");
        var lookup = Expression.Parameter(typeof(Func<string, object?>), "lookup");
        var typedInput = FeelEmitter.Coerce(Expression.Call(FeelEmitter.Runtime(nameof(FeelRuntime.Normalize), typeof(object)), input), inputType.ClrType);
        var body = CompileUnaryTests(tests, typedInput, LookupBinder(lookup, resolve));
        return Expression.Lambda<Func<object?, Func<string, object?>, bool>>(body, input, lookup).Compile();
    }

    // ---- building blocks for the engine's own expression trees, with FEEL's semantics ----

    /// <summary>FEEL's <c>a − b</c> on two <c>decimal?</c> expressions: null when either is null or on overflow.</summary>
    public static Expression Subtract(Expression a, Expression b) =>
        Expression.Call(FeelEmitter.Runtime(nameof(FeelRuntime.Subtract), typeof(decimal?), typeof(decimal?)), a, b);

    /// <summary>FEEL's <c>a × b</c> on two <c>decimal?</c> expressions: null when either is null or on overflow.</summary>
    public static Expression Multiply(Expression a, Expression b) =>
        Expression.Call(FeelEmitter.Runtime(nameof(FeelRuntime.Multiply), typeof(decimal?), typeof(decimal?)), a, b);

    /// <summary>Whether a compiled value is null, as a plain test (see <see cref="FeelEmitter.IsNull"/>).</summary>
    public static Expression IsNull(Expression e) => FeelEmitter.IsNull(e);

    /// <summary>Whether a compiled value is present.</summary>
    public static Expression IsNotNull(Expression e) => FeelEmitter.IsNotNull(e);

    /// <summary>FEEL's "is true" of a <c>bool?</c> or <c>bool</c> expression.</summary>
    public static Expression IsTrue(Expression e) => FeelEmitter.IsTrue(e);

    /// <summary>Converts a compiled value to another FEEL representation; a value of another FEEL type becomes null.</summary>
    public static Expression Coerce(Expression e, Type target) => FeelEmitter.Coerce(e, target);

    private static Func<string, Expression> LookupBinder(ParameterExpression lookup, Func<string, FeelType?> resolve) => name =>
    {
        var raw = Expression.Invoke(lookup, Expression.Constant(name));
        var normalized = Expression.Call(FeelEmitter.Runtime(nameof(FeelRuntime.Normalize), typeof(object)), raw);
        return FeelEmitter.Coerce(normalized, (resolve(name) ?? FeelType.Any).ClrType);
    };

    private static Func<string, Expression> Cached(Func<string, Expression> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var cache = new Dictionary<string, Expression>(StringComparer.Ordinal);
        return name => cache.TryGetValue(name, out var e) ? e : cache[name] = bind(name);
    }

    private sealed record BindingTypesResolver(Func<string, Expression> Bind)
    {
        public FeelType? Resolve(string name) => FeelType.FromClr(Bind(name).Type);
    }

    private static BindingTypesResolver BindingTypes(Func<string, Expression> bind) => new(bind);
}
