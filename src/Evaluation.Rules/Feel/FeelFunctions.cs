using System.Reflection;

namespace Evaluation.Rules.Feel;

/// <summary>One signature of a built-in function, implemented by a typed static method.</summary>
internal sealed record FeelOverload(string Name, string[] Parameters, FeelType[] ParameterTypes, FeelType Result, MethodInfo Method);

/// <summary>How aggregate functions (min, max, sum, all, any) treat their arguments: one list, or the arguments themselves.</summary>
internal enum AggregateKind { None, Min, Max, Sum, All, Any }

/// <summary>A call resolved to an overload (or an aggregate) with arguments in parameter order.</summary>
internal sealed record ResolvedCall(FeelOverload? Overload, AggregateKind Aggregate, IReadOnlyList<FeelExpr> Arguments);

/// <summary>The catalogue of built-in functions and the resolution of calls against it.</summary>
internal static class FeelFunctions
{
    private static readonly Dictionary<string, FeelOverload[]> Overloads = Build()
        .GroupBy(o => o.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, AggregateKind> Aggregates = new(StringComparer.Ordinal)
    {
        ["min"] = AggregateKind.Min,
        ["max"] = AggregateKind.Max,
        ["sum"] = AggregateKind.Sum,
        ["all"] = AggregateKind.All,
        ["any"] = AggregateKind.Any,
    };

    // Standard FEEL functions outside the subset: the parser must still read their (multi-word) names so the
    // type checker can say "outside the subset" instead of a confusing syntax error.
    private static readonly string[] OtherStandardNames =
    [
        "date and time", "time", "duration", "years and months duration", "string join", "list contains",
        "day of year", "day of week", "month of year", "week of year", "insert before", "index of",
        "distinct values", "get value", "get entries", "is defined", "list replace",
    ];

    public static IEnumerable<string> AllKnownNames => Overloads.Keys.Concat(Aggregates.Keys).Concat(OtherStandardNames);

    public static bool IsKnown(string name) => Overloads.ContainsKey(name) || Aggregates.ContainsKey(name);

    private static IEnumerable<FeelOverload> Build()
    {
        FeelType n = FeelType.Number, s = FeelType.String, b = FeelType.Boolean, list = FeelType.ListOf(FeelType.Any);
        yield return Make("abs", nameof(FeelBuiltins.Abs), n, ("n", n));
        yield return Make("floor", nameof(FeelBuiltins.Floor), n, ("n", n));
        yield return Make("floor", nameof(FeelBuiltins.Floor), n, ("n", n), ("scale", n));
        yield return Make("ceiling", nameof(FeelBuiltins.Ceiling), n, ("n", n));
        yield return Make("ceiling", nameof(FeelBuiltins.Ceiling), n, ("n", n), ("scale", n));
        yield return Make("decimal", nameof(FeelBuiltins.Decimal), n, ("n", n), ("scale", n));
        yield return Make("round half up", nameof(FeelBuiltins.RoundHalfUp), n, ("n", n), ("scale", n));
        yield return Make("round half down", nameof(FeelBuiltins.RoundHalfDown), n, ("n", n), ("scale", n));
        yield return Make("round up", nameof(FeelBuiltins.RoundUp), n, ("n", n), ("scale", n));
        yield return Make("round down", nameof(FeelBuiltins.RoundDown), n, ("n", n), ("scale", n));
        yield return Make("modulo", nameof(FeelBuiltins.Modulo), n, ("dividend", n), ("divisor", n));
        yield return Make("sqrt", nameof(FeelBuiltins.Sqrt), n, ("number", n));
        yield return Make("not", nameof(FeelBuiltins.Not), b, ("negand", b));
        yield return Make("contains", nameof(FeelBuiltins.Contains), b, ("string", s), ("match", s));
        yield return Make("starts with", nameof(FeelBuiltins.StartsWith), b, ("string", s), ("match", s));
        yield return Make("ends with", nameof(FeelBuiltins.EndsWith), b, ("string", s), ("match", s));
        yield return Make("string length", nameof(FeelBuiltins.StringLength), n, ("string", s));
        yield return Make("upper case", nameof(FeelBuiltins.UpperCase), s, ("string", s));
        yield return Make("lower case", nameof(FeelBuiltins.LowerCase), s, ("string", s));
        yield return Make("substring before", nameof(FeelBuiltins.SubstringBefore), s, ("string", s), ("match", s));
        yield return Make("substring after", nameof(FeelBuiltins.SubstringAfter), s, ("string", s), ("match", s));
        yield return Make("date", nameof(FeelBuiltins.Date), FeelType.Date, ("from", s));
        yield return Make("date", nameof(FeelBuiltins.Date), FeelType.Date, ("year", n), ("month", n), ("day", n));
        yield return Make("count", nameof(FeelBuiltins.Count), n, ("list", list));
    }

    private static FeelOverload Make(string name, string method, FeelType result, params (string Name, FeelType Type)[] parameters)
    {
        var types = parameters.Select(p => p.Type.ClrType).ToArray();
        var info = typeof(FeelBuiltins).GetMethod(method, BindingFlags.Public | BindingFlags.Static, types)
            ?? throw new InvalidOperationException($"no FeelBuiltins.{method} for '{name}'");
        return new FeelOverload(name, parameters.Select(p => p.Name).ToArray(), parameters.Select(p => p.Type).ToArray(), result, info);
    }

    /// <summary>Matches a call to a signature; on failure returns null and says why.</summary>
    public static ResolvedCall? Resolve(CallExpr call, out string? error)
    {
        error = null;
        if (Aggregates.TryGetValue(call.Function, out var aggregate)) return ResolveAggregate(call, aggregate, out error);
        if (!Overloads.TryGetValue(call.Function, out var overloads))
        {
            error = $"function '{call.Function}' is outside the subset";
            return null;
        }
        var named = call.Arguments.Any(a => a.Name is not null);
        foreach (var overload in overloads)
        {
            if (Bind(call, overload.Parameters, named) is { } ordered) return new ResolvedCall(overload, AggregateKind.None, ordered);
        }
        var shapes = string.Join(" or ", overloads.Select(o => $"({string.Join(", ", o.Parameters)})"));
        error = named
            ? $"function '{call.Function}' has no parameters named ({string.Join(", ", call.Arguments.Select(a => a.Name))}); expected {shapes}"
            : $"function '{call.Function}' takes {shapes}, not {call.Arguments.Count} argument(s)";
        return null;
    }

    private static FeelExpr[]? Bind(CallExpr call, string[] parameters, bool named)
    {
        if (call.Arguments.Count != parameters.Length) return null;
        if (!named) return call.Arguments.Select(a => a.Value).ToArray();
        var ordered = new FeelExpr[parameters.Length];
        foreach (var arg in call.Arguments)
        {
            var at = Array.IndexOf(parameters, arg.Name);
            if (at < 0 || ordered[at] is not null) return null;
            ordered[at] = arg.Value;
        }
        return ordered;
    }

    private static ResolvedCall? ResolveAggregate(CallExpr call, AggregateKind aggregate, out string? error)
    {
        error = null;
        if (call.Arguments.Count == 0)
            error = $"function '{call.Function}' needs a list or at least one argument";
        else if (call.Arguments.Any(a => a.Name is not null) && (call.Arguments.Count != 1 || call.Arguments[0].Name != "list"))
            error = $"function '{call.Function}' takes one parameter named 'list' or positional arguments";
        return error is null ? new ResolvedCall(null, aggregate, call.Arguments.Select(a => a.Value).ToArray()) : null;
    }

    /// <summary>The items an aggregate works on: the single list argument, or the arguments themselves.</summary>
    public static IReadOnlyList<object?>? AggregateItems(object?[] args) =>
        args.Length == 1 && args[0] is IReadOnlyList<object?> list ? list : args;

    public static object? Aggregate(AggregateKind kind, object?[] args)
    {
        var items = AggregateItems(args);
        return kind switch
        {
            AggregateKind.Min => FeelBuiltins.Extreme(items, -1),
            AggregateKind.Max => FeelBuiltins.Extreme(items, 1),
            AggregateKind.Sum => FeelBuiltins.Sum(items),
            AggregateKind.All => FeelBuiltins.All(items),
            AggregateKind.Any => FeelBuiltins.Any(items),
            _ => null,
        };
    }

    /// <summary>Invokes an overload on runtime values; arguments of the wrong type count as null.</summary>
    public static object? Invoke(FeelOverload overload, object?[] args)
    {
        var converted = new object?[args.Length];
        for (var i = 0; i < args.Length; i++) converted[i] = Convert(args[i], overload.ParameterTypes[i]);
        return overload.Method.Invoke(null, converted);
    }

    private static object? Convert(object? value, FeelType type) => type.Kind switch
    {
        FeelTypeKind.Number => FeelRuntime.AsNumber(value),
        FeelTypeKind.Boolean => FeelRuntime.AsBoolean(value),
        FeelTypeKind.String => FeelRuntime.AsString(value),
        FeelTypeKind.Date => FeelRuntime.AsDate(value),
        FeelTypeKind.List => FeelRuntime.AsList(value),
        _ => value,
    };
}
