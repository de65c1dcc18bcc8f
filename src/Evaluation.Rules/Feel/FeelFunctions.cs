using System.Reflection;

namespace Evaluation.Rules.Feel;

/// <summary>
/// One signature of a built-in function, implemented by a static method: typed (FeelBuiltins) or over any value
/// (FeelLibrary). A variadic one (append, concatenate, union) takes its arguments as one <c>object?[]</c>.
/// <see cref="Accepts"/> lists, for a parameter of type Any, the kinds of value that give a result (the checker
/// refuses others: abs("a") is null at run time, a load error in a catalogue).
/// </summary>
internal sealed record FeelOverload(string Name, string[] Parameters, FeelType[] ParameterTypes, FeelType Result, MethodInfo Method,
    bool Variadic = false, FeelTypeKind[]?[]? Accepts = null);

/// <summary>How aggregate functions (min, max, sum, all, any, mean …) treat their arguments: one list, or the arguments themselves.</summary>
internal enum AggregateKind { None, Min, Max, Sum, All, Any, Mean, Product, Median, Stddev, Mode }

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
        ["mean"] = AggregateKind.Mean,
        ["product"] = AggregateKind.Product,
        ["median"] = AggregateKind.Median,
        ["stddev"] = AggregateKind.Stddev,
        ["mode"] = AggregateKind.Mode,
    };

    // Standard FEEL functions outside the subset: the parser must still read their (multi-word) names so the
    // type checker can say "outside the subset" instead of a confusing syntax error.
    private static readonly string[] OtherStandardNames = ["is defined"];

    public static IEnumerable<string> AllKnownNames => Overloads.Keys.Concat(Aggregates.Keys).Concat(OtherStandardNames);

    public static bool IsKnown(string name) => Overloads.ContainsKey(name) || Aggregates.ContainsKey(name);

    /// <summary>The parameter names of a built-in's first signature (an aggregate takes a list).</summary>
    public static IReadOnlyList<string>? ParametersOf(string name) =>
        Overloads.TryGetValue(name, out var overloads) ? overloads[0].Parameters : Aggregates.ContainsKey(name) ? ["list"] : null;

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
        foreach (var o in Library()) yield return o;
    }

    // The functions over any value. Their parameters are Any, so the checker cannot refuse a wrong argument
    // type; a wrong one gives null at run time, as FEEL says.
    private static IEnumerable<FeelOverload> Library()
    {
        FeelType n = FeelType.Number, s = FeelType.String, b = FeelType.Boolean, a = FeelType.Any, list = FeelType.ListOf(FeelType.Any);
        FeelType date = FeelType.Date, time = FeelType.Time, dt = FeelType.DateTime;
        yield return Lib("date", nameof(FeelLibrary.Date), date, "from:string|date|datetime");
        yield return Lib("date and time", nameof(FeelLibrary.DateTime), dt, "from:string|date|datetime");
        yield return Lib("date and time", nameof(FeelLibrary.DateTime), dt, "date:date|datetime", "time:time");
        yield return Lib("time", nameof(FeelLibrary.Time), time, "from:string|time|datetime|date");
        yield return Lib("time", nameof(FeelLibrary.Time), time, "hour:number", "minute:number", "second:number");
        yield return Lib("time", nameof(FeelLibrary.Time), time, "hour:number", "minute:number", "second:number", "offset:dt");
        yield return Lib("duration", nameof(FeelLibrary.Duration), a, "from:string");
        yield return Lib("years and months duration", nameof(FeelLibrary.YearsAndMonthsDuration), FeelType.YearsMonthsDuration, "from:date|datetime", "to:date|datetime");
        yield return Lib("string", nameof(FeelLibrary.String), s, "from");
        yield return Lib("number", nameof(FeelLibrary.Number), n, "from:string");
        yield return Lib("number", nameof(FeelLibrary.Number), n, "from:string", "grouping separator:string", "decimal separator:string");
        yield return Lib("abs", nameof(FeelLibrary.Abs), a, "n:number|dt|ym");
        yield return Lib("substring", nameof(FeelLibrary.Substring), s, "string:string", "start position:number");
        yield return Lib("substring", nameof(FeelLibrary.Substring), s, "string:string", "start position:number", "length:number");
        yield return Lib("matches", nameof(FeelLibrary.Matches), b, "input:string", "pattern:string");
        yield return Lib("matches", nameof(FeelLibrary.Matches), b, "input:string", "pattern:string", "flags:string");
        yield return Lib("replace", nameof(FeelLibrary.Replace), s, "input:string", "pattern:string", "replacement:string");
        yield return Lib("replace", nameof(FeelLibrary.Replace), s, "input:string", "pattern:string", "replacement:string", "flags:string");
        yield return Lib("split", nameof(FeelLibrary.Split), FeelType.ListOf(s), "string:string", "delimiter:string");
        yield return Lib("string join", nameof(FeelLibrary.StringJoin), s, "list:list");
        yield return Lib("string join", nameof(FeelLibrary.StringJoin), s, "list:list", "delimiter:string");
        yield return Lib("list contains", nameof(FeelLibrary.ListContains), b, "list:list", "element");
        yield return Lib("sublist", nameof(FeelLibrary.Sublist), list, "list:list", "start position:number");
        yield return Lib("sublist", nameof(FeelLibrary.Sublist), list, "list:list", "start position:number", "length:number");
        yield return Variadic("append", nameof(FeelLibrary.Append), list, "list", "item");
        yield return Variadic("concatenate", nameof(FeelLibrary.Concatenate), list, "list");
        yield return Variadic("union", nameof(FeelLibrary.Union), list, "list");
        yield return Lib("insert before", nameof(FeelLibrary.InsertBefore), list, "list:list", "position:number", "newItem");
        yield return Lib("remove", nameof(FeelLibrary.Remove), list, "list:list", "position:number");
        yield return Lib("reverse", nameof(FeelLibrary.Reverse), list, "list:list");
        yield return Lib("index of", nameof(FeelLibrary.IndexOf), FeelType.ListOf(n), "list:list", "match");
        yield return Lib("distinct values", nameof(FeelLibrary.DistinctValues), list, "list:list");
        yield return Lib("flatten", nameof(FeelLibrary.Flatten), list, "list:list");
        yield return Lib("sort", nameof(FeelLibrary.Sort), list, "list:list");
        yield return Lib("sort", nameof(FeelLibrary.Sort), list, "list:list", "precedes:function");
        yield return Lib("get value", nameof(FeelLibrary.GetValue), a, "m:context", "key:string");
        yield return Lib("get entries", nameof(FeelLibrary.GetEntries), FeelType.ListOf(FeelType.Context), "m:context");
        yield return Lib("context put", nameof(FeelLibrary.ContextPutPath), FeelType.Context, "context:context", "keys:list", "value");
        yield return Lib("context put", nameof(FeelLibrary.ContextPut), FeelType.Context, "context:context", "key:string", "value");
        yield return Lib("context merge", nameof(FeelLibrary.ContextMerge), FeelType.Context, "contexts:list");
        yield return Lib("is", nameof(FeelLibrary.Is), b, "value1", "value2");
        yield return Lib("is", nameof(FeelLibrary.IsAlone), b, "value1");
        yield return Lib("is", nameof(FeelLibrary.IsAlone), b, "value2");
        yield return Lib("even", nameof(FeelLibrary.Even), b, "number:number");
        yield return Lib("odd", nameof(FeelLibrary.Odd), b, "number:number");
        yield return Lib("log", nameof(FeelLibrary.Log), n, "number:number");
        yield return Lib("exp", nameof(FeelLibrary.Exp), n, "number:number");
        yield return Lib("list replace", nameof(FeelLibrary.ListReplace), list, "list:list", "position:number|function", "newItem");
        yield return Lib("list replace", nameof(FeelLibrary.ListReplace), list, "list:list", "match:function", "newItem");
        yield return Lib("context", nameof(FeelLibrary.Context), FeelType.Context, "entries:list");
        yield return Lib("range", nameof(FeelLibrary.Range), FeelType.RangeOf(FeelType.Any), "from:string");
        yield return Lib("day of week", nameof(FeelLibrary.DayOfWeek), s, "date:date|datetime");
        yield return Lib("day of year", nameof(FeelLibrary.DayOfYear), n, "date:date|datetime");
        yield return Lib("month of year", nameof(FeelLibrary.MonthOfYear), s, "date:date|datetime");
        yield return Lib("week of year", nameof(FeelLibrary.WeekOfYear), n, "date:date|datetime");
        yield return Lib(FeelSyntax.ExternalFunction, nameof(FeelLibrary.External), a, "mapping:context", "arguments:list");
        foreach (var (name, method, shapes) in FeelLibrary.IntervalFunctions)
        {
            foreach (var shape in shapes) yield return Lib(name, method, b, shape);
        }
        _ = a;
    }

    // A parameter is "name" (any value) or "name:kind|kind" (the kinds that give a result).
    private static FeelOverload Lib(string name, string method, FeelType result, params string[] parameters)
    {
        var info = typeof(FeelLibrary).GetMethod(method, BindingFlags.Public | BindingFlags.Static, parameters.Select(_ => typeof(object)).ToArray())
            ?? throw new InvalidOperationException($"no FeelLibrary.{method} for '{name}'");
        var names = parameters.Select(p => p.Split(':')[0]).ToArray();
        var accepts = parameters.Select(p => p.Contains(':', StringComparison.Ordinal) ? p.Split(':')[1].Split('|').Select(KindOf).ToArray() : null).ToArray();
        return new FeelOverload(name, names, names.Select(_ => FeelType.Any).ToArray(), result, info, Accepts: accepts);
    }

    private static FeelTypeKind KindOf(string word) => word switch
    {
        "number" => FeelTypeKind.Number,
        "string" => FeelTypeKind.String,
        "boolean" => FeelTypeKind.Boolean,
        "date" => FeelTypeKind.Date,
        "time" => FeelTypeKind.Time,
        "datetime" => FeelTypeKind.DateTime,
        "dt" => FeelTypeKind.DaysTimeDuration,
        "ym" => FeelTypeKind.YearsMonthsDuration,
        "list" => FeelTypeKind.List,
        "context" => FeelTypeKind.Context,
        "function" => FeelTypeKind.Function,
        _ => throw new InvalidOperationException($"no FEEL kind '{word}'"),
    };

    private static FeelOverload Variadic(string name, string method, FeelType result, params string[] parameters)
    {
        var info = typeof(FeelLibrary).GetMethod(method, BindingFlags.Public | BindingFlags.Static, [typeof(object?[])])
            ?? throw new InvalidOperationException($"no FeelLibrary.{method} for '{name}'");
        return new FeelOverload(name, parameters, parameters.Select(_ => FeelType.Any).ToArray(), result, info, Variadic: true);
    }

    private static FeelOverload Make(string name, string method, FeelType result, params (string Name, FeelType Type)[] parameters)
    {
        var types = parameters.Select(p => p.Type.ClrType).ToArray();
        var info = typeof(FeelBuiltins).GetMethod(method, BindingFlags.Public | BindingFlags.Static, types)
            ?? throw new InvalidOperationException($"no FeelBuiltins.{method} for '{name}'");
        return new FeelOverload(name, parameters.Select(p => p.Name).ToArray(), parameters.Select(p => p.Type).ToArray(), result, info);
    }

    /// <summary>
    /// Matches a call to a signature; on failure returns null and says why. Of several signatures with the
    /// same parameters, the first whose parameter types fit <paramref name="argumentType"/> wins (the typed
    /// ones come first), so abs(number) stays on the typed path and abs(duration) takes the general one.
    /// </summary>
    public static ResolvedCall? Resolve(CallExpr call, out string? error, Func<FeelExpr, FeelType>? argumentType = null)
    {
        error = null;
        if (Aggregates.TryGetValue(call.Function, out var aggregate)) return ResolveAggregate(call, aggregate, out error);
        if (!Overloads.TryGetValue(call.Function, out var overloads))
        {
            // A standard function left out is "outside the subset"; any other name is an error of the text.
            error = call.Function is "today" or "now" ? $"{call.Function}() takes no arguments"
                : OtherStandardNames.Contains(call.Function) ? $"function '{call.Function}' is outside the subset"
                : $"unknown function '{call.Function}'";
            return null;
        }
        var named = call.Arguments.Any(a => a.Name is not null);
        ResolvedCall? first = null;
        foreach (var overload in overloads)
        {
            if (Bind(call, overload, named) is not { } ordered) continue;
            var resolved = new ResolvedCall(overload, AggregateKind.None, ordered);
            if (argumentType is null) return resolved;
            first ??= resolved;
            if (ordered.Select((a, i) => i >= overload.ParameterTypes.Length || FeelTyping.Compatible(argumentType(a), overload.ParameterTypes[i])).All(ok => ok)
                && ordered.All(a => !argumentType(a).IsLoose || overload.ParameterTypes.All(t => t.Kind == FeelTypeKind.Any)))
                return resolved;
        }
        if (first is not null) return first;
        var shapes = string.Join(" or ", overloads.Distinct(SameShape.Instance).Select(o => $"({string.Join(", ", o.Parameters)}{(o.Variadic ? ", …" : "")})"));
        error = named
            ? $"function '{call.Function}' has no parameters named ({string.Join(", ", call.Arguments.Select(a => a.Name))}); expected {shapes}"
            : $"function '{call.Function}' takes {shapes}, not {call.Arguments.Count} argument(s)";
        return null;
    }

    private sealed class SameShape : IEqualityComparer<FeelOverload>
    {
        public static readonly SameShape Instance = new();

        public bool Equals(FeelOverload? x, FeelOverload? y) => x is not null && y is not null && x.Parameters.SequenceEqual(y.Parameters) && x.Variadic == y.Variadic;

        public int GetHashCode(FeelOverload obj) => obj.Parameters.Length;
    }

    /// <summary>The overload for runtime values: the first whose parameter types the values have.</summary>
    public static ResolvedCall? Resolve(CallExpr call, object?[] values)
    {
        var types = new Dictionary<FeelExpr, FeelType>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < call.Arguments.Count; i++) types[call.Arguments[i].Value] = FeelType.Of(values[i]);
        return Resolve(call, out _, e => types.GetValueOrDefault(e, FeelType.Any));
    }

    private static FeelExpr[]? Bind(CallExpr call, FeelOverload overload, bool named)
    {
        var parameters = overload.Parameters;
        if (overload.Variadic)
            return !named && call.Arguments.Count >= 1 ? call.Arguments.Select(a => a.Value).ToArray() : null;
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
            AggregateKind.Mean => FeelLibrary.Mean(items),
            AggregateKind.Product => FeelLibrary.Product(items),
            AggregateKind.Median => FeelLibrary.Median(items),
            AggregateKind.Stddev => FeelLibrary.Stddev(items),
            AggregateKind.Mode => FeelLibrary.Mode(items),
            _ => null,
        };
    }

    /// <summary>Invokes an overload on runtime values; arguments of the wrong type count as null.</summary>
    public static object? Invoke(FeelOverload overload, object?[] args)
    {
        if (overload.Variadic) return overload.Method.Invoke(null, [args]);
        var converted = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            // FEEL's singleton-list conversion: a value where only a list is accepted is a list of that value.
            var arg = args[i] is { } one and not IReadOnlyList<object?> && overload.Accepts?[i] is [FeelTypeKind.List] ? new[] { one } : args[i];
            converted[i] = Convert(arg, overload.ParameterTypes[i]);
        }
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
