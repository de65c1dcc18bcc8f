using System.Globalization;

namespace Evaluation.Rules.Feel;

/// <summary>
/// Typed implementations of the built-in functions. Every one returns null when an argument is null, so a
/// wrongly typed argument (converted to null) and a missing one give the same FEEL null.
/// </summary>
internal static class FeelBuiltins
{
    private const int MinScale = -6111;
    private const int MaxScale = 6176;

    public static decimal? Abs(decimal? n) => n is null ? null : Math.Abs(n.Value);

    public static decimal? Floor(decimal? n) => n is null ? null : decimal.Floor(n.Value);

    public static decimal? Ceiling(decimal? n) => n is null ? null : decimal.Ceiling(n.Value);

    public static decimal? Floor(decimal? n, decimal? scale) => Round(n, scale, MidpointRounding.ToNegativeInfinity);

    public static decimal? Ceiling(decimal? n, decimal? scale) => Round(n, scale, MidpointRounding.ToPositiveInfinity);

    /// <summary>FEEL decimal(n, scale): round half to even.</summary>
    public static decimal? Decimal(decimal? n, decimal? scale) => Round(n, scale, MidpointRounding.ToEven);

    public static decimal? RoundHalfUp(decimal? n, decimal? scale) => Round(n, scale, MidpointRounding.AwayFromZero);

    public static decimal? RoundDown(decimal? n, decimal? scale) => Round(n, scale, MidpointRounding.ToZero);

    /// <summary>FEEL round up: away from zero.</summary>
    public static decimal? RoundUp(decimal? n, decimal? scale) =>
        n is null ? null : Round(n, scale, n.Value < 0 ? MidpointRounding.ToNegativeInfinity : MidpointRounding.ToPositiveInfinity);

    /// <summary>FEEL round half down: to the nearest, halves towards zero.</summary>
    public static decimal? RoundHalfDown(decimal? n, decimal? scale)
    {
        var down = Round(n, scale, MidpointRounding.ToZero);
        var nearest = Round(n, scale, MidpointRounding.AwayFromZero);
        if (n is null || down is null || nearest is null) return null;
        return Math.Abs(n.Value - down.Value) == Math.Abs(nearest.Value - n.Value) ? down : nearest;
    }

    private static decimal? Round(decimal? n, decimal? scale, MidpointRounding mode)
    {
        if (n is null || scale is null) return null;
        var s = decimal.Truncate(scale.Value);
        if (s < MinScale || s > MaxScale) return null;
        if (s > 28) return n;
        if (s >= 0) return Math.Round(n.Value, (int)s, mode);
        // A negative scale rounds to tens, hundreds, ...: shift, round, shift back.
        if (s < -28) return Math.Round(0m, 0, mode);
        var factor = FeelRuntime.Power(10m, -s)!.Value;
        return FeelRuntime.Checked(() => Math.Round(n.Value / factor, 0, mode) * factor);
    }

    public static decimal? Modulo(decimal? dividend, decimal? divisor)
    {
        if (dividend is null || divisor is null || divisor.Value == 0) return null;
        var (a, b) = (dividend.Value, divisor.Value);
        return FeelRuntime.Checked(() => a - (b * decimal.Floor(a / b)));
    }

    public static decimal? Sqrt(decimal? n)
    {
        if (n is null || n.Value < 0) return null;
        if (n.Value == 0) return 0m;
        var x = (decimal)Math.Sqrt((double)n.Value);
        // Newton steps bring the double estimate to decimal precision.
        for (var i = 0; i < 3 && x != 0; i++) x = (x + (n.Value / x)) / 2;
        return x;
    }

    public static bool? Not(bool? negand) => FeelRuntime.Not(negand);

    public static bool? Contains(string? s, string? match) => s is null || match is null ? null : s.Contains(match, StringComparison.Ordinal);

    public static bool? StartsWith(string? s, string? match) => s is null || match is null ? null : s.StartsWith(match, StringComparison.Ordinal);

    public static bool? EndsWith(string? s, string? match) => s is null || match is null ? null : s.EndsWith(match, StringComparison.Ordinal);

    public static decimal? StringLength(string? s) => s is null ? null : s.EnumerateRunes().Count();

    public static string? UpperCase(string? s) => s?.ToUpperInvariant();

    public static string? LowerCase(string? s) => s?.ToLowerInvariant();

    public static string? SubstringBefore(string? s, string? match)
    {
        if (s is null || match is null) return null;
        var at = s.IndexOf(match, StringComparison.Ordinal);
        return at < 0 || match.Length == 0 ? "" : s[..at];
    }

    public static string? SubstringAfter(string? s, string? match)
    {
        if (s is null || match is null) return null;
        var at = s.IndexOf(match, StringComparison.Ordinal);
        return at < 0 ? "" : s[(at + match.Length)..];
    }

    public static FeelDate? Date(string? from) => from is null ? null : FeelTemporal.ParseDate(from);

    public static FeelDate? Date(decimal? year, decimal? month, decimal? day)
    {
        if (year is not { } y || month is not { } m || day is not { } d) return null;
        if (y != decimal.Truncate(y) || m != decimal.Truncate(m) || d != decimal.Truncate(d) || Math.Abs(y) > FeelDate.MaxYear || m is < 1 or > 12 || d is < 1 or > 31)
            return null;
        return FeelDate.From((long)y, (long)m, (long)d);
    }

    public static decimal? Count(IReadOnlyList<object?>? list) => list?.Count;

    public static decimal? Min(decimal? a, decimal? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);

    public static decimal? Max(decimal? a, decimal? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);

    /// <summary>min/max over items of one comparable type; null for an empty list, a null item or mixed types.</summary>
    public static object? Extreme(IReadOnlyList<object?>? items, int sign)
    {
        if (items is null || items.Count == 0) return null;
        var best = items[0];
        foreach (var item in items)
        {
            if (FeelRuntime.Compare(item, best) is not { } c) return null;
            if (c * sign > 0) best = item;
        }
        return best;
    }

    public static decimal? Sum(IReadOnlyList<object?>? items)
    {
        if (items is null || items.Count == 0) return null;
        decimal? total = 0m;
        foreach (var item in items) total = FeelRuntime.Add(total, item as decimal?);
        return total;
    }

    public static bool? All(IReadOnlyList<object?>? items)
    {
        if (items is null) return null;
        bool? result = true;
        foreach (var item in items) result = FeelRuntime.And(result, item as bool?);
        return result;
    }

    public static bool? Any(IReadOnlyList<object?>? items)
    {
        if (items is null) return null;
        bool? result = false;
        foreach (var item in items) result = FeelRuntime.Or(result, item as bool?);
        return result;
    }
}
