namespace Evaluation.Rules.Feel;

/// <summary>
/// FEEL operator semantics over runtime values. The typed overloads serve compiled code without boxing; the
/// object overloads serve the interpreter and compiled code whose operand types are only known at run time.
/// Both must agree, so the object overloads dispatch to the typed ones.
/// </summary>
internal static class FeelRuntime
{
    // ---- conversions: a value of another type becomes null, the FEEL result of a type error ----

    public static decimal? AsNumber(object? value) => value as decimal?;

    public static bool? AsBoolean(object? value) => value as bool?;

    // FEEL's singleton-list conversion where a string is expected: a list of one value is that value.
    public static string? AsString(object? value) => value is IReadOnlyList<object?> { Count: 1 } one ? one[0] as string : value as string;

    public static FeelDate? AsDate(object? value) => value as FeelDate?;

    public static IReadOnlyList<object?>? AsList(object? value) => value as IReadOnlyList<object?>;

    public static FeelRange? AsRange(object? value) => value as FeelRange;

    /// <summary>Normalises host values (int, double, DateTime, arrays) to FEEL runtime values.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or decimal or bool or string or FeelDate or FeelRange or FeelTime or FeelDateTime or FeelDuration
            or FeelYearsMonths or FeelContext or FeelFunction or FeelUnaryTestValue => value,
        DateOnly d => (FeelDate)d,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => double.IsFinite(d) ? (decimal)d : null,
        DateTime dt => (FeelDate)DateOnly.FromDateTime(dt),
        TimeSpan span => new FeelDuration((decimal)span.Ticks / TimeSpan.TicksPerSecond),
        IReadOnlyList<object?> list => list,
        IEnumerable<KeyValuePair<string, object?>> entries => new FeelContext(entries.Select(e => KeyValuePair.Create(e.Key, Normalize(e.Value)))),
        System.Collections.IEnumerable e => e.Cast<object?>().Select(Normalize).ToArray(),
        _ => value,
    };

    // ---- arithmetic ----

    // The four operators sit on the engine's hot path: no closures, and the try/catch only around the
    // operation (decimal overflow is a FEEL null, never an exception escaping into the engine).
    public static decimal? Add(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try { return x + y; } catch (OverflowException) { return null; }
    }

    public static decimal? Subtract(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try { return x - y; } catch (OverflowException) { return null; }
    }

    public static decimal? Multiply(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try { return x * y; } catch (OverflowException) { return null; }
    }

    public static decimal? Divide(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y || y == 0) return null;
        try { return x / y; } catch (OverflowException) { return null; }
    }

    public static decimal? Negate(decimal? a) => a is null ? null : -a.Value;

    public static string? Concat(string? a, string? b) => a is null || b is null ? null : a + b;

    public static decimal? Power(decimal? a, decimal? b)
    {
        if (a is null || b is null) return null;
        if (b.Value == decimal.Truncate(b.Value) && Math.Abs(b.Value) <= 100_000)
            return IntegerPower(a.Value, (int)b.Value);
        var result = Math.Pow((double)a.Value, (double)b.Value);
        return double.IsFinite(result) && Math.Abs(result) < 7.9e28 ? (decimal)result : null;
    }

    private static decimal? IntegerPower(decimal x, int n)
    {
        if (n < 0) return x == 0 ? null : Divide(1m, IntegerPower(x, -n));
        return Checked(() =>
        {
            decimal result = 1, factor = x;
            for (; n > 0; n >>= 1)
            {
                if ((n & 1) == 1) result *= factor;
                if (n > 1) factor *= factor;
            }
            return result;
        });
    }

    // Decimal overflow is a FEEL null, never an exception escaping into the engine.
    internal static decimal? Checked(Func<decimal> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static object? Add(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => Add(x, y),
        (string x, string y) => x + y,
        (FeelDuration x, FeelDuration y) => Duration(() => x.Seconds + y.Seconds),
        (FeelYearsMonths x, FeelYearsMonths y) => new FeelYearsMonths(x.Months + y.Months),
        (FeelDate or FeelDateTime or FeelTime, FeelDuration or FeelYearsMonths) => AddTemporal(a, b, negate: false),
        (FeelDuration or FeelYearsMonths, FeelDate or FeelDateTime or FeelTime) => AddTemporal(b, a, negate: false),
        _ => Add(AsNumberStrict(a, b), AsNumberStrict(b, a)),
    };

    public static object? Subtract(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => Subtract(x, y),
        (FeelDuration x, FeelDuration y) => Duration(() => x.Seconds - y.Seconds),
        (FeelYearsMonths x, FeelYearsMonths y) => new FeelYearsMonths(x.Months - y.Months),
        (FeelDate x, FeelDate y) => new FeelDuration((x.DayNumber - y.DayNumber) * 86_400m),
        (FeelDateTime x, FeelDateTime y) => FeelTemporal.Subtract(x, y),
        // A date against a date and time is that date's midnight UTC (so a local date and time gives null).
        (FeelDate x, FeelDateTime y) => FeelTemporal.Subtract(FeelTemporal.AtMidnight(x) with { OffsetSeconds = 0 }, y),
        (FeelDateTime x, FeelDate y) => FeelTemporal.Subtract(x, FeelTemporal.AtMidnight(y) with { OffsetSeconds = 0 }),
        (FeelTime x, FeelTime y) => FeelTemporal.Subtract(x, y),
        (FeelDate or FeelDateTime or FeelTime, FeelDuration or FeelYearsMonths) => AddTemporal(a, b, negate: true),
        _ => Subtract(AsNumberStrict(a, b), AsNumberStrict(b, a)),
    };

    public static object? Multiply(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => Multiply(x, y),
        (FeelDuration x, decimal y) => Duration(() => x.Seconds * y),
        (decimal x, FeelDuration y) => Duration(() => x * y.Seconds),
        (FeelYearsMonths x, decimal y) => Months(() => x.Months * y),
        (decimal x, FeelYearsMonths y) => Months(() => x * y.Months),
        _ => Multiply(AsNumberStrict(a, b), AsNumberStrict(b, a)),
    };

    public static object? Divide(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => Divide(x, y),
        (FeelDuration x, decimal y) => y == 0 ? null : Duration(() => x.Seconds / y),
        (FeelDuration x, FeelDuration y) => Divide(x.Seconds, y.Seconds),
        (FeelYearsMonths x, decimal y) => y == 0 ? null : Months(() => x.Months / y),
        (FeelYearsMonths x, FeelYearsMonths y) => Divide(x.Months, (decimal)y.Months),
        _ => Divide(AsNumberStrict(a, b), AsNumberStrict(b, a)),
    };

    public static object? Power(object? a, object? b) => Power(AsNumberStrict(a, b), AsNumberStrict(b, a));

    public static object? Negate(object? a) => a switch
    {
        FeelDuration d => new FeelDuration(-d.Seconds),
        FeelYearsMonths m => new FeelYearsMonths(-m.Months),
        _ => Negate(AsNumber(a)),
    };

    private static FeelDuration? Duration(Func<decimal> seconds) => Checked(seconds) is { } s ? new FeelDuration(s) : null;

    // A years-and-months duration times or divided by a number: whole months, the fraction dropped.
    private static FeelYearsMonths? Months(Func<decimal> months) =>
        Checked(() => decimal.Truncate(months())) is { } m && Math.Abs(m) < long.MaxValue ? new FeelYearsMonths((long)m) : null;

    private static object? AddTemporal(object? temporal, object? duration, bool negate)
    {
        var (seconds, months) = duration switch
        {
            FeelDuration d => (negate ? -d.Seconds : d.Seconds, 0L),
            FeelYearsMonths m => (0m, negate ? -m.Months : m.Months),
            _ => (0m, 0L),
        };
        return (temporal, duration) switch
        {
            (FeelDate d, FeelYearsMonths) => d.AddMonths(months),
            (FeelDate d, FeelDuration) => FeelTemporal.Add(FeelTemporal.AtMidnight(d), new FeelDuration(seconds))?.Date,
            (FeelDateTime d, FeelYearsMonths) => FeelTemporal.Add(d, new FeelYearsMonths(months)),
            (FeelDateTime d, FeelDuration) => FeelTemporal.Add(d, new FeelDuration(seconds)),
            (FeelTime t, FeelDuration) => FeelTemporal.Add(t, new FeelDuration(seconds)),
            _ => null,
        };
    }

    private static decimal? AsNumberStrict(object? value, object? other) => other is null or decimal ? value as decimal? : null;

    // ---- comparison: null, or values of different types, compare to null ----

    public static bool? Less<T>(T? a, T? b) where T : struct, IComparable<T> => a is null || b is null ? null : a.Value.CompareTo(b.Value) < 0;

    public static bool? LessOrEqual<T>(T? a, T? b) where T : struct, IComparable<T> => a is null || b is null ? null : a.Value.CompareTo(b.Value) <= 0;

    public static bool? Greater<T>(T? a, T? b) where T : struct, IComparable<T> => a is null || b is null ? null : a.Value.CompareTo(b.Value) > 0;

    public static bool? GreaterOrEqual<T>(T? a, T? b) where T : struct, IComparable<T> => a is null || b is null ? null : a.Value.CompareTo(b.Value) >= 0;

    public static bool? Less(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) < 0;

    public static bool? LessOrEqual(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) <= 0;

    public static bool? Greater(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) > 0;

    public static bool? GreaterOrEqual(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) >= 0;

    /// <summary>Orders two values of the same comparable type; null when either is null or the types differ.</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (FeelDate x, FeelDate y) => x.CompareTo(y),
        (FeelDateTime x, FeelDateTime y) => FeelTemporal.Compare(x, y),
        (FeelTime x, FeelTime y) => FeelTemporal.Compare(x, y),
        (FeelDuration x, FeelDuration y) => x.CompareTo(y),
        (FeelYearsMonths x, FeelYearsMonths y) => x.CompareTo(y),
        _ => null,
    };

    public static bool? Less(object? a, object? b) => Compare(a, b) is { } c ? c < 0 : null;

    public static bool? LessOrEqual(object? a, object? b) => Compare(a, b) is { } c ? c <= 0 : null;

    public static bool? Greater(object? a, object? b) => Compare(a, b) is { } c ? c > 0 : null;

    public static bool? GreaterOrEqual(object? a, object? b) => Compare(a, b) is { } c ? c >= 0 : null;

    // ---- equality: null = null is true, null = x is false, values of different types give null ----

    public static bool? Equal<T>(T? a, T? b) where T : struct, IEquatable<T> =>
        a is null || b is null ? a is null && b is null : a.Value.Equals(b.Value);

    public static bool? Equal(string? a, string? b) =>
        a is null || b is null ? a is null && b is null : string.Equals(a, b, StringComparison.Ordinal);

    public static bool? NotEqual<T>(T? a, T? b) where T : struct, IEquatable<T> => Not(Equal(a, b));

    public static bool? NotEqual(string? a, string? b) => Not(Equal(a, b));

    public static bool? NotEqual(object? a, object? b) => Not(Equal(a, b));

    public static bool? Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (decimal x, decimal y) => x == y,
        (bool x, bool y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (FeelDate x, FeelDate y) => x == y,
        (FeelDateTime x, FeelDateTime y) => FeelTemporal.Compare(x, y) is { } c ? c == 0 : false,
        (FeelTime x, FeelTime y) => FeelTemporal.Compare(x, y) is { } c ? c == 0 : false,
        (FeelDuration x, FeelDuration y) => x == y,
        (FeelYearsMonths x, FeelYearsMonths y) => x == y,
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => ListEqual(x, y),
        (FeelRange x, FeelRange y) => RangeEqual(x, y),
        (FeelUnaryTestValue x, FeelUnaryTestValue y) => x.Operator == y.Operator ? Equal(x.Operand, y.Operand) : false,
        (FeelRange, FeelUnaryTestValue) or (FeelUnaryTestValue, FeelRange) => false,
        (FeelContext x, FeelContext y) => ContextEqual(x, y),
        (FeelFunction x, FeelFunction y) => ReferenceEquals(x, y),
        _ => null,
    };

    private static bool? ContextEqual(FeelContext x, FeelContext y)
    {
        if (x.Count != y.Count) return false;
        bool? result = true;
        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other)) return false;
            result = And(result, Equal(value, other));
        }
        return result;
    }

    private static bool? ListEqual(IReadOnlyList<object?> x, IReadOnlyList<object?> y)
    {
        if (x.Count != y.Count) return false;
        bool? result = true;
        for (var i = 0; i < x.Count; i++) result = And(result, Equal(x[i], y[i]));
        return result;
    }

    private static bool? RangeEqual(FeelRange x, FeelRange y) =>
        x.StartIncluded == y.StartIncluded && x.EndIncluded == y.EndIncluded
            ? And(Equal(x.Start, y.Start), Equal(x.End, y.End))
            : false;

    // ---- ternary logic ----

    public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

    public static bool? Not(bool? a) => a is null ? null : !a.Value;

    public static bool? And(object? a, object? b) => And(AsBoolean(a), AsBoolean(b));

    public static bool? Or(object? a, object? b) => Or(AsBoolean(a), AsBoolean(b));

    public static bool IsTrue(bool? value) => value == true;

    // ---- membership ----

    /// <summary>A plain-value unary test: member of a list, inside a range, otherwise equal.</summary>
    public static bool? TestValue(object? input, object? test) => test switch
    {
        IReadOnlyList<object?> list when input is not IReadOnlyList<object?> || list.Any(i => i is IReadOnlyList<object?>) => InList(input, list),
        FeelRange range => InRange(input, range),
        FeelUnaryTestValue t => Compare(t.Operator, input, t.Operand) as bool?,
        _ => Equal(input, test),
    };

    public static bool? InList(object? input, IReadOnlyList<object?>? list)
    {
        // Membership: true if some item equals the input, else false (an item of another type is not it).
        if (list is null) return null;
        foreach (var item in list)
        {
            if (Equal(input, item) == true) return true;
        }
        return false;
    }

    public static bool? InRange(object? input, FeelRange? range) => range is null
        ? null
        : And(
            range.StartIncluded ? GreaterOrEqual(input, range.Start) : Greater(input, range.Start),
            range.EndIncluded ? LessOrEqual(input, range.End) : Less(input, range.End));

    public static bool? Between(object? value, object? low, object? high) =>
        And(GreaterOrEqual(value, low), LessOrEqual(value, high));

    /// <summary>FEEL's singleton-list conversion for a list parameter: a value that is no list is a list of it.</summary>
    public static object? SingletonList(object? value) => value is null or IReadOnlyList<object?> ? value : new[] { value };

    public static object? Compare(FeelBinaryOperator op, object? a, object? b) => op switch
    {
        FeelBinaryOperator.Equal => Equal(a, b),
        FeelBinaryOperator.NotEqual => NotEqual(a, b),
        FeelBinaryOperator.Less => Less(a, b),
        FeelBinaryOperator.LessOrEqual => LessOrEqual(a, b),
        FeelBinaryOperator.Greater => Greater(a, b),
        FeelBinaryOperator.GreaterOrEqual => GreaterOrEqual(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    public static object? Binary(FeelBinaryOperator op, object? a, object? b) => op switch
    {
        FeelBinaryOperator.Add => Add(a, b),
        FeelBinaryOperator.Subtract => Subtract(a, b),
        FeelBinaryOperator.Multiply => Multiply(a, b),
        FeelBinaryOperator.Divide => Divide(a, b),
        FeelBinaryOperator.Power => Power(a, b),
        FeelBinaryOperator.And => And(a, b),
        FeelBinaryOperator.Or => Or(a, b),
        _ => Compare(op, a, b),
    };

    /// <summary>FEEL's string(x): numbers plain, temporal values in their ISO form, lists and contexts FEEL-like.</summary>
    public static string? Show(object? value) => value switch
    {
        null => null,
        string s => s,
        decimal d => FeelTemporal.Plain(d),
        bool b => b ? "true" : "false",
        FeelContext c => "{" + string.Join(", ", c.Select(kv => $"{kv.Key}: {ShowNested(kv.Value)}")) + "}",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(ShowNested)) + "]",
        FeelRange r => (r.StartIncluded ? "[" : "(") + ShowNested(r.Start) + ".." + ShowNested(r.End) + (r.EndIncluded ? "]" : ")"),
        _ => value.ToString(),
    };

    private static string ShowNested(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        _ => Show(value)!,
    };

    // Decimal comparisons of the present path (ADR 0014) as calls: inline, each is a comparison routine the JIT
    // expands again in every compiled stage; as a call it is compiled once. Same results as the operators.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Lt(decimal a, decimal b) => a < b;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Le(decimal a, decimal b) => a <= b;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Gt(decimal a, decimal b) => a > b;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Ge(decimal a, decimal b) => a >= b;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Eq(decimal a, decimal b) => a == b;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static bool Ne(decimal a, decimal b) => a != b;
}
