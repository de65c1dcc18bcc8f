using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Evaluation.Rules.Feel;

/// <summary>
/// The built-in functions over values of any type (temporal, contexts, lists, strings). Like the typed ones,
/// every one gives null for an argument of the wrong type and never throws.
/// </summary>
internal static partial class FeelLibrary
{
    // ---- conversion ----

    public static object? Date(object? from) => from switch
    {
        string s => FeelTemporal.ParseDate(s),
        FeelDate d => d,
        FeelDateTime dt => dt.Date,
        _ => null,
    };

    public static object? DateTime(object? from) => from switch
    {
        string s => FeelTemporal.ParseDateTime(s),
        FeelDateTime dt => dt,
        FeelDate d => FeelTemporal.AtMidnight(d),
        _ => null,
    };

    public static object? DateTime(object? date, object? time)
    {
        var day = date switch { FeelDate d => d, FeelDateTime dt => dt.Date, _ => (FeelDate?)null };
        return day is { } value && time is FeelTime t ? new FeelDateTime(value, t.Nanos, t.OffsetSeconds, t.Zone) : null;
    }

    public static object? Time(object? from) => from switch
    {
        string s => FeelTemporal.ParseTime(s),
        FeelTime t => t,
        FeelDateTime dt => dt.Time,
        FeelDate => new FeelTime(0, 0, null),
        _ => null,
    };

    public static object? Time(object? hour, object? minute, object? second) => Time(hour, minute, second, null);

    public static object? Time(object? hour, object? minute, object? second, object? offset)
    {
        if (hour is not decimal h || minute is not decimal m || second is not decimal s) return null;
        if (h is < 0 or > 23 || m is < 0 or > 59 || s is < 0 or >= 60 || h != decimal.Truncate(h) || m != decimal.Truncate(m)) return null;
        int? offsetSeconds = null;
        if (offset is FeelDuration d)
        {
            if (Math.Abs(d.Seconds) > 18 * 3600) return null;
            offsetSeconds = (int)d.Seconds;
        }
        else if (offset is not null) return null;
        var nanos = ((long)h * FeelTemporal.NanosPerHour) + ((long)m * FeelTemporal.NanosPerMinute) + (long)(s * FeelTemporal.NanosPerSecond);
        return new FeelTime(nanos, offsetSeconds, null);
    }

    public static object? Duration(object? from) => from is string s ? FeelTemporal.ParseDuration(s) : null;

    public static object? YearsAndMonthsDuration(object? from, object? to)
    {
        var (a, b) = (AsDateTime(from), AsDateTime(to));
        return a is null || b is null ? null : FeelTemporal.MonthsBetween(a, b);
    }

    private static FeelDateTime? AsDateTime(object? value) => value switch
    {
        FeelDateTime dt => dt,
        FeelDate d => FeelTemporal.AtMidnight(d),
        _ => null,
    };

    public static object? String(object? from) => FeelRuntime.Show(from);

    public static object? Number(object? from) => Number(from, null, null);

    /// <summary>number(from, grouping separator, decimal separator): the separators are " ", ",", "." or null.</summary>
    public static object? Number(object? from, object? grouping, object? @decimal)
    {
        if (from is not string s || grouping is not (null or " " or "," or ".") || @decimal is not (null or "," or ".")) return null;
        if (grouping is not null && Equals(grouping, @decimal)) return null;
        if (grouping is string g) s = s.Replace(g, "", StringComparison.Ordinal);
        if (@decimal is "," ) s = s.Replace(",", ".", StringComparison.Ordinal);
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static object? Abs(object? n) => n switch
    {
        decimal d => Math.Abs(d),
        FeelDuration d => new FeelDuration(Math.Abs(d.Seconds)),
        FeelYearsMonths m => new FeelYearsMonths(Math.Abs(m.Months)),
        _ => null,
    };

    // ---- the evaluation date (never the machine's clock) ----

    /// <summary>The name today() and now() read: the engine binds it to the evaluation date it was given.</summary>
    public const string EvaluationDateName = "evaluation_date";

    // ---- strings ----

    public static object? Substring(object? s, object? start) => Substring(s, start, null);

    public static object? Substring(object? s, object? start, object? length)
    {
        if (s is not string text || start is not decimal st || (length is not null and not decimal)) return null;
        var runes = text.EnumerateRunes().ToArray();
        var from = (long)decimal.Truncate(st);
        var index = from > 0 ? from - 1 : runes.Length + from;
        if (from == 0 || index < 0 || index > runes.Length) return null;
        var count = length is decimal l ? (long)decimal.Truncate(l) : runes.Length - index;
        if (count < 0) return null;
        count = Math.Min(count, runes.Length - index);
        var sb = new StringBuilder();
        for (var i = index; i < index + count; i++) sb.Append(runes[i].ToString());
        return sb.ToString();
    }

    public static object? Matches(object? input, object? pattern) => Matches(input, pattern, null);

    public static object? Matches(object? input, object? pattern, object? flags) =>
        input is string s && Regex(pattern, flags) is { } regex ? Run(() => regex.IsMatch(s)) : null;

    public static object? Replace(object? input, object? pattern, object? replacement) => Replace(input, pattern, replacement, null);

    public static object? Replace(object? input, object? pattern, object? replacement, object? flags) =>
        input is string s && replacement is string r && Regex(pattern, flags) is { } regex ? Run(() => regex.Replace(s, r)) : null;

    public static object? Split(object? s, object? delimiter) =>
        s is string text && Regex(delimiter, null) is { } regex ? Run(() => (object)regex.Split(text).Cast<object?>().ToArray()) : null;

    public static object? StringJoin(object? list) => StringJoin(list, "");

    public static object? StringJoin(object? list, object? delimiter)
    {
        if (list is not IReadOnlyList<object?> items || (delimiter is not null and not string)) return null;
        if (items.Any(i => i is not (null or string))) return null;
        return string.Join((string?)delimiter ?? "", items.OfType<string>());
    }

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static Regex? Regex(object? pattern, object? flags)
    {
        if (pattern is not string p || (flags is not null and not string)) return null;
        var options = RegexOptions.CultureInvariant;
        foreach (var f in (string?)flags ?? "")
        {
            options |= f switch
            {
                'i' => RegexOptions.IgnoreCase,
                's' => RegexOptions.Singleline,
                'm' => RegexOptions.Multiline,
                'x' => RegexOptions.None,
                _ => (RegexOptions)(-1),
            };
            if ((int)options == -1) return null;
        }
        if (XPathPattern(p, ((string?)flags ?? "").Contains('x', StringComparison.Ordinal), options.HasFlag(RegexOptions.Singleline)) is not { } translated)
            return null;
        try
        {
            return new Regex(translated, options, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// An XML Schema / XPath regular expression (FEEL's dialect) as a .NET one, or null if it is invalid there:
    /// the x flag removes white space outside character classes ("\ s" is "\s"), '.' does not match a line
    /// end without the s flag, and back-references inside a class or "\0" are errors.
    /// </summary>
    private static string? XPathPattern(string pattern, bool extended, bool dotAll)
    {
        var sb = new System.Text.StringBuilder(pattern.Length);
        var inClass = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (extended && inClass == 0 && c is ' ' or '\t' or '\n' or '\r') continue;
            if (c == '\\')
            {
                var j = i + 1;
                while (extended && inClass == 0 && j < pattern.Length && pattern[j] is ' ' or '\t' or '\n' or '\r') j++;
                if (j >= pattern.Length) return null;
                var e = pattern[j];
                if (e == '0' || (inClass > 0 && char.IsAsciiDigit(e))) return null;
                sb.Append('\\').Append(e);
                i = j;
                continue;
            }
            if (c == '[') inClass++;
            else if (c == ']' && inClass > 0) inClass--;
            if (c == '.' && inClass == 0 && !dotAll) sb.Append("[^\\n\\r]");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    // A pattern that runs too long (catastrophic backtracking) is a FEEL null, not a hung evaluation.
    private static object? Run(Func<object> match)
    {
        try
        {
            return match();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    // ---- lists ----

    public static object? ListContains(object? list, object? element) =>
        list is IReadOnlyList<object?> items ? items.Any(i => FeelRuntime.Equal(i, element) == true) : null;

    public static object? Sublist(object? list, object? start) => Sublist(list, start, null);

    public static object? Sublist(object? list, object? start, object? length)
    {
        if (list is not IReadOnlyList<object?> items || start is not decimal st || (length is not null and not decimal)) return null;
        var from = (long)decimal.Truncate(st);
        var index = from > 0 ? from - 1 : items.Count + from;
        if (from == 0 || index < 0 || index >= items.Count) return null;
        var count = length is decimal l ? (long)decimal.Truncate(l) : items.Count - index;
        if (count < 0 || index + count > items.Count) return null;
        return items.Skip((int)index).Take((int)count).ToArray();
    }

    public static object? Append(object?[] args) =>
        args.Length >= 1 && args[0] is IReadOnlyList<object?> list ? list.Concat(args.Skip(1)).ToArray() : null;

    public static object? Concatenate(object?[] args) =>
        args.All(a => a is IReadOnlyList<object?>) ? args.SelectMany(a => (IReadOnlyList<object?>)a!).ToArray() : null;

    public static object? Union(object?[] args) =>
        Concatenate(args) is IReadOnlyList<object?> all ? DistinctValues(all) : null;

    public static object? InsertBefore(object? list, object? position, object? item)
    {
        if (list is not IReadOnlyList<object?> items || position is not decimal p) return null;
        var at = p > 0 ? (long)p - 1 : items.Count + (long)p;
        if (p == 0 || at < 0 || at >= items.Count) return null;
        return items.Take((int)at).Append(item).Concat(items.Skip((int)at)).ToArray();
    }

    public static object? Remove(object? list, object? position)
    {
        if (list is not IReadOnlyList<object?> items || position is not decimal p) return null;
        var at = p > 0 ? (long)p - 1 : items.Count + (long)p;
        if (p == 0 || at < 0 || at >= items.Count) return null;
        return items.Where((_, i) => i != at).ToArray();
    }

    public static object? Reverse(object? list) => list is IReadOnlyList<object?> items ? items.Reverse().ToArray() : null;

    public static object? IndexOf(object? list, object? match) =>
        list is IReadOnlyList<object?> items
            ? items.Select((item, i) => (item, i)).Where(p => FeelRuntime.Equal(p.item, match) == true).Select(p => (object?)(decimal)(p.i + 1)).ToArray()
            : null;

    public static object? DistinctValues(object? list)
    {
        if (list is not IReadOnlyList<object?> items) return null;
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (!result.Any(r => FeelRuntime.Equal(r, item) == true)) result.Add(item);
        }
        return result.ToArray();
    }

    public static object? Flatten(object? list) => list is IReadOnlyList<object?> items ? FlattenInto(items, []).ToArray() : null;

    private static List<object?> FlattenInto(IReadOnlyList<object?> items, List<object?> into)
    {
        foreach (var item in items)
        {
            if (item is IReadOnlyList<object?> inner) FlattenInto(inner, into);
            else into.Add(item);
        }
        return into;
    }

    public static object? Sort(object? list) => Sort(list, null);

    /// <summary>Sorts by a precedes(x, y) function, or ascending when none is given; null when items do not compare.</summary>
    public static object? Sort(object? list, object? precedes)
    {
        if (list is not IReadOnlyList<object?> items || (precedes is not null and not FeelFunction)) return null;
        var sorted = items.ToList();
        var failed = false;
        Comparison<object?> compare = precedes is FeelFunction f
            ? (a, b) => f.Invoke([a, b]) is true ? -1 : f.Invoke([b, a]) is true ? 1 : 0
            : (a, b) =>
            {
                if (FeelRuntime.Compare(a, b) is { } c) return c;
                failed = true;
                return 0;
            };
        // A stable insertion sort: List.Sort is not stable and may call a FEEL function with itself.
        for (var i = 1; i < sorted.Count; i++)
        {
            var item = sorted[i];
            var j = i - 1;
            while (j >= 0 && compare(item, sorted[j]) < 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = item;
        }
        return failed ? null : sorted.ToArray();
    }

    public static object? Mean(IReadOnlyList<object?>? items) =>
        items is null || items.Count == 0 || FeelBuiltins.Sum(items) is not { } sum ? null : FeelRuntime.Divide(sum, (decimal)items.Count);

    public static object? Product(IReadOnlyList<object?>? items)
    {
        if (items is null || items.Count == 0) return null;
        decimal? total = 1m;
        foreach (var item in items) total = FeelRuntime.Multiply(total, item as decimal?);
        return total;
    }

    public static object? Median(IReadOnlyList<object?>? items)
    {
        if (items is null || items.Count == 0 || items.Any(i => i is not decimal)) return null;
        var sorted = items.Cast<decimal>().Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // ---- contexts ----

    public static object? GetValue(object? context, object? key) =>
        context is FeelContext c && key is string k ? c.TryGetValue(k, out var v) ? v : null : null;

    public static object? GetEntries(object? context) =>
        context is FeelContext c
            ? c.Select(kv => (object?)new FeelContext([KeyValuePair.Create("key", (object?)kv.Key), KeyValuePair.Create("value", kv.Value)])).ToArray()
            : null;

    /// <summary>context put(context, key, value): a copy with the entry added or replaced.</summary>
    public static object? ContextPut(object? context, object? key, object? value)
    {
        if (context is not FeelContext c || key is not string k) return null;
        var result = new FeelContext(c);
        result.Set(k, value);
        return result;
    }

    /// <summary>context put(context, keys, value): the value put at a path of keys into nested contexts.</summary>
    public static object? ContextPutPath(object? context, object? keys, object? value)
    {
        if (context is not FeelContext c || keys is not IReadOnlyList<object?> { Count: > 0 } path || path[0] is not string first) return null;
        if (path.Count == 1) return ContextPut(c, first, value);
        var inner = c.TryGetValue(first, out var existing) ? existing as FeelContext : new FeelContext();
        if (inner is null) return null;
        var put = ContextPutPath(inner, path.Skip(1).ToArray(), value);
        return put is null ? null : ContextPut(c, first, put);
    }

    public static object? ContextMerge(object? contexts)
    {
        if (contexts is not IReadOnlyList<object?> list || list.Any(c => c is not FeelContext)) return null;
        var result = new FeelContext();
        foreach (var c in list.Cast<FeelContext>())
        {
            foreach (var (k, v) in c) result.Set(k, v);
        }
        return result;
    }

    // ---- dates ----

    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static FeelDate? DateOf(object? value) => value switch { FeelDate d => d, FeelDateTime dt => dt.Date, _ => null };

    public static object? DayOfWeek(object? date) => DateOf(date) is { } d ? DayNames[d.Weekday - 1] : null;

    public static object? MonthOfYear(object? date) => DateOf(date) is { } d ? MonthNames[d.Month - 1] : null;

    public static object? DayOfYear(object? date) =>
        DateOf(date) is { } d && FeelDate.From(d.Year, 1, 1) is { } first ? (decimal)(d.DayNumber - first.DayNumber + 1) : null;

    /// <summary>The ISO 8601 week number.</summary>
    public static object? WeekOfYear(object? date)
    {
        if (DateOf(date) is not { } d) return null;
        var thursday = new FeelDate(d.DayNumber - d.Weekday + 4);
        return FeelDate.From(thursday.Year, 1, 1) is { } first ? (decimal)(((thursday.DayNumber - first.DayNumber) / 7) + 1) : null;
    }

    // ---- types ----

    private static readonly Dictionary<string, FeelTypeKind> TypeNames = new(StringComparer.Ordinal)
    {
        ["number"] = FeelTypeKind.Number,
        ["string"] = FeelTypeKind.String,
        ["boolean"] = FeelTypeKind.Boolean,
        ["date"] = FeelTypeKind.Date,
        ["time"] = FeelTypeKind.Time,
        ["date and time"] = FeelTypeKind.DateTime,
        ["days and time duration"] = FeelTypeKind.DaysTimeDuration,
        ["years and months duration"] = FeelTypeKind.YearsMonthsDuration,
        ["list"] = FeelTypeKind.List,
        ["range"] = FeelTypeKind.Range,
        ["context"] = FeelTypeKind.Context,
        ["function"] = FeelTypeKind.Function,
        ["Any"] = FeelTypeKind.Any,
        ["Null"] = FeelTypeKind.Null,
    };

    /// <summary>The first type name in a type that FEEL does not define, or null.</summary>
    public static string? UnknownType(FeelTypeSpec type) =>
        !TypeNames.ContainsKey(type.Name) ? type.Name
        : type.Arguments.Select(UnknownType).Concat(type.Fields.Select(f => UnknownType(f.Value)))
            .Append(type.Result is null ? null : UnknownType(type.Result)).FirstOrDefault(n => n is not null);

    /// <summary>Tests for type names FEEL does not define (DMN item definitions), set by a host for its model.</summary>
    [ThreadStatic]
    internal static Func<string, object?, bool?>? NamedTypes;

    /// <summary><c>value instance of type</c>: null is an instance of Null only; every other value of Any.</summary>
    public static bool? IsInstance(object? value, FeelTypeSpec type)
    {
        if (!TypeNames.TryGetValue(type.Name, out var kind)) return NamedTypes?.Invoke(type.Name, value);
        if (kind == FeelTypeKind.Null) return value is null;
        if (value is null) return false;
        if (kind == FeelTypeKind.Any) return true;
        if (FeelType.Of(value).Kind != kind) return false;
        return value switch
        {
            IReadOnlyList<object?> list when type.Arguments is [var item] => list.All(i => i is null || IsInstance(i, item) == true),
            FeelRange range when type.Arguments is [var bound] =>
                (range.Start is null || IsInstance(range.Start, bound) == true) && (range.End is null || IsInstance(range.End, bound) == true),
            FeelUnaryTestValue test when type.Arguments is [var bound] => test.Operand is null || IsInstance(test.Operand, bound) == true,
            FeelContext context => type.Fields.All(f => context.TryGetValue(f.Key, out var v) && (v is null || IsInstance(v, f.Value) == true)),
            _ => true,
        };
    }

    /// <summary>is(a, b): the same type and equal (unlike "=", a date is not a date and time).</summary>
    public static object? Is(object? a, object? b) =>
        FeelType.Of(a).Kind == FeelType.Of(b).Kind && (a is null || FeelRuntime.Equal(a, b) == true)
        && (a is not FeelTime and not FeelDateTime || FeelRuntime.Show(a) == FeelRuntime.Show(b));

    // ---- more numbers and lists ----

    public static object? Even(object? n) => n is decimal d && d == decimal.Truncate(d) ? d % 2 == 0 : null;

    public static object? Odd(object? n) => n is decimal d && d == decimal.Truncate(d) ? d % 2 != 0 : null;

    public static object? Log(object? n) => n is decimal d && d > 0 ? Finite(Math.Log((double)d)) : null;

    public static object? Exp(object? n) => n is decimal d ? Finite(Math.Exp((double)d)) : null;

    private static decimal? Finite(double d) => double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : null;

    public static object? Stddev(IReadOnlyList<object?>? items)
    {
        if (items is null || items.Count < 2 || items.Any(i => i is not decimal)) return null;
        var values = items.Cast<decimal>().ToArray();
        var mean = values.Sum() / values.Length;
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return FeelBuiltins.Sqrt(variance);
    }

    public static object? Mode(IReadOnlyList<object?>? items)
    {
        if (items is null) return null;
        if (items.Any(i => i is not decimal)) return null;
        if (items.Count == 0) return Array.Empty<object?>();
        var groups = items.Cast<decimal>().GroupBy(v => v).ToList();
        var most = groups.Max(g => g.Count());
        return groups.Where(g => g.Count() == most).Select(g => g.Key).Order().Select(v => (object?)v).ToArray();
    }

    /// <summary>list replace(list, position or match function, newItem).</summary>
    public static object? ListReplace(object? list, object? position, object? newItem)
    {
        if (list is not IReadOnlyList<object?> items) return null;
        if (position is FeelFunction match)
        {
            if (match.Parameters.Count != 2) return null;
            var result = new object?[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                if (match.Invoke([items[i], newItem]) is not bool replace) return null;
                result[i] = replace ? newItem : items[i];
            }
            return result;
        }
        if (position is not decimal d) return null;
        var p = decimal.Truncate(d);
        var at = p > 0 ? (long)p - 1 : items.Count + (long)p;
        if (p == 0 || at < 0 || at >= items.Count) return null;
        return items.Select((item, i) => i == at ? newItem : item).ToArray();
    }

    /// <summary>context(entries): a context from a list of {key, value} contexts; null for a duplicate key.</summary>
    public static object? Context(object? entries)
    {
        if (entries is not IReadOnlyList<object?> list) return null;
        var result = new FeelContext();
        foreach (var entry in list)
        {
            if (entry is not FeelContext e || e.GetValueOrDefault("key") is not string key || !e.ContainsKey("value") || result.ContainsKey(key)) return null;
            result.Set(key, e["value"]);
        }
        return result;
    }

    /// <summary>range(from): a range written as a string, "[1..10)" or "&lt; 5", with literal bounds.</summary>
    /// <summary>is(value1: x) with the other parameter left out: the missing one is null.</summary>
    public static object? IsAlone(object? value) => value is null;

    // range("…") takes literal bounds only: a number, string, @-literal or a temporal function of a literal.
    private static bool IsLiteralBound(FeelExpr e) => e switch
    {
        NumberLiteral or StringLiteral or BooleanLiteral or NullLiteral => true,
        NegateExpr { Operand: NumberLiteral } => true,
        CallExpr { Function: "date" or "time" or "date and time" or "duration", Arguments: [{ Value: StringLiteral }] } => true,
        _ => false,
    };

    public static object? Range(object? from)
    {
        if (from is not string text) return null;
        try
        {
            var expr = FeelParser.ParseExpression(text);
            if (expr is not (RangeExpr or UnaryTestExpr) || FeelAnalysis.FreeNames(expr).Count > 0) return null;
            if (expr is RangeExpr { Start: var s, End: var e } && !(IsLiteralBound(s) && IsLiteralBound(e))) return null;
            if (expr is UnaryTestExpr { Operand: var o } && !IsLiteralBound(o)) return null;
            return FeelInterpreter.Evaluate(expr, _ => null) is var value && value is FeelRange r
                && (r.Start is null || r.End is null || FeelRuntime.Compare(r.Start, r.End) is <= 0)
                && (r.Start is not null || r.End is not null) ? value : value is FeelUnaryTestValue ? value : null;
        }
        catch (FeelException)
        {
            return null;
        }
    }

    // ---- properties (x.year, d.hours, r.start …) ----

    /// <summary>A member of a value: a context entry, a temporal or duration property, a range bound; otherwise null.</summary>
    public static object? Member(object? value, string member) => value switch
    {
        FeelContext c => c.TryGetValue(member, out var v) ? v : null,
        FeelDate d => member switch
        {
            "year" => (decimal)d.Year,
            "month" => (decimal)d.Month,
            "day" => (decimal)d.Day,
            "weekday" => (decimal)d.Weekday,
            _ => null,
        },
        FeelDateTime dt => member switch
        {
            "year" => (decimal)dt.Date.Year,
            "month" => (decimal)dt.Date.Month,
            "day" => (decimal)dt.Date.Day,
            "weekday" => (decimal)dt.Date.Weekday,
            _ => TimeMember(dt.Time, member),
        },
        FeelTime t => TimeMember(t, member),
        FeelDuration d => member switch
        {
            "days" => (decimal)d.Days,
            "hours" => (decimal)d.Hours,
            "minutes" => (decimal)d.Minutes,
            "seconds" => d.SecondsPart,
            _ => null,
        },
        FeelYearsMonths m => member switch
        {
            "years" => (decimal)m.Years,
            "months" => (decimal)m.MonthsPart,
            _ => null,
        },
        FeelRange r => member switch
        {
            "start" => r.Start,
            "end" => r.End,
            "start included" => r.StartIncluded,
            "end included" => r.EndIncluded,
            _ => null,
        },
        // (< 10) is the range (null..10), (>= 10) is [10..null), (= 10) is [10..10].
        FeelUnaryTestValue t => (t.Operator, member) switch
        {
            (FeelBinaryOperator.Less or FeelBinaryOperator.LessOrEqual, "start") => null,
            (FeelBinaryOperator.Less or FeelBinaryOperator.LessOrEqual, "start included") => false,
            (FeelBinaryOperator.Less or FeelBinaryOperator.LessOrEqual, "end") => t.Operand,
            (FeelBinaryOperator.Less, "end included") => false,
            (FeelBinaryOperator.LessOrEqual, "end included") => true,
            (FeelBinaryOperator.Greater or FeelBinaryOperator.GreaterOrEqual, "start") => t.Operand,
            (FeelBinaryOperator.Greater, "start included") => false,
            (FeelBinaryOperator.GreaterOrEqual, "start included") => true,
            (FeelBinaryOperator.Greater or FeelBinaryOperator.GreaterOrEqual, "end") => null,
            (FeelBinaryOperator.Greater or FeelBinaryOperator.GreaterOrEqual, "end included") => false,
            (FeelBinaryOperator.Equal, "start" or "end") => t.Operand,
            (FeelBinaryOperator.Equal, "start included" or "end included") => true,
            _ => null,
        },
        _ => null,
    };

    private static object? TimeMember(FeelTime t, string member) => member switch
    {
        "hour" => (decimal)t.Hour,
        "minute" => (decimal)t.Minute,
        "second" => t.Second,
        "time offset" => t.OffsetSeconds is { } o ? new FeelDuration(o) : null,
        "timezone" => t.Zone,
        _ => null,
    };
}
