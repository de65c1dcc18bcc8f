namespace Evaluation.Engine;

/// <summary>Small pieces of arithmetic the compiled plan calls; kept here so they are tested once.</summary>
internal static class Runtime
{
    /// <summary>lin(x, a, b, p): p × (x − a) / (b − a), clamped to [0, p]; null when any operand is.</summary>
    public static decimal? Linear(decimal? x, decimal? zero, decimal? full, decimal points)
    {
        if (x is not { } v || zero is not { } a || full is not { } b || a == b) return null;
        try
        {
            return Math.Clamp(points * (v - a) / (b - a), 0m, points);
        }
        catch (OverflowException)
        {
            return null;    // FEEL: an overflow is null, so the indicator scores as missing
        }
    }

    /// <summary>The fraction of a level times the points; a level outside the scale gives null.</summary>
    public static decimal? Level(string? level, string[] levels, decimal[] fractions, decimal points)
    {
        if (level is null) return null;
        var i = Array.IndexOf(levels, level);
        return i < 0 ? null : points * fractions[i];
    }

    /// <summary>A part's contribution: clamped to [0, points], or to (−∞, 0] for a penalty.</summary>
    public static decimal? Part(decimal? raw, decimal points, bool penalty) =>
        raw is not { } v ? null : penalty ? Math.Min(v, 0m) : Math.Clamp(v, 0m, points);

    /// <summary>
    /// Clamps a rule's result to [0, rulePoints], re-weights it to the indicator's points and rounds half up
    /// to two decimals, setting the status.
    /// </summary>
    public static decimal Finish(decimal? raw, bool missing, decimal rulePoints, decimal points, byte[] status, int index)
    {
        if (missing || raw is not { } v)
        {
            status[index] = (byte)IndicatorStatus.Missing;
            return 0m;
        }
        return FinishPresent(v, rulePoints, points, status, index);
    }

    /// <summary>lin() on present operands with a constant, non-zero span (full − zero): never null.</summary>
    public static decimal LinearPresent(decimal x, decimal zero, decimal span, decimal points) =>
        Math.Clamp(points * (x - zero) / span, 0m, points);

    /// <summary><see cref="Finish"/> for a rule result known present.</summary>
    public static decimal FinishPresent(decimal v, decimal rulePoints, decimal points, byte[] status, int index)
    {
        // Sign and scale are read from the bits; decimal comparisons and rounding are the expensive part.
        var state = IndicatorStatus.Scored;
        if (decimal.IsNegative(v) && v != 0m) (v, state) = (0m, IndicatorStatus.Clamped);
        else if (v > rulePoints) (v, state) = (rulePoints, IndicatorStatus.Clamped);
        status[index] = (byte)state;
        if (points != rulePoints) v = v * points / rulePoints;
        return v.Scale > 2 ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : v;
    }

    /// <summary>
    /// A present part's contribution, <c>Math.Clamp(v, 0, points)</c>, as a call: inline, its three decimal
    /// comparisons would be JIT-compiled again in every stage that has parts (ADR 0014).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static decimal ClampPart(decimal v, decimal points) => Math.Clamp(v, 0m, points);

    /// <summary>Whether any veto fired (a null outcome does not).</summary>
    public static bool AnyTrue(bool?[] vetoes)
    {
        foreach (var v in vetoes)
            if (v == true) return true;
        return false;
    }

    /// <summary>points[start] + … + points[start + count − 1], left to right from the first term; 0 when count is 0.</summary>
    public static decimal Sum(decimal[] points, int start, int count)
    {
        if (count == 0) return 0m;
        var sum = points[start];
        for (var i = 1; i < count; i++) sum += points[start + i];
        return sum;
    }

    /// <summary>A value of static type Any used where points are expected: a number, or null.</summary>
    public static decimal? AsNumber(object? value) => value as decimal?;

    /// <summary>A value of static type Any used where a condition is expected: a boolean, or null.</summary>
    public static bool? AsBoolean(object? value) => value as bool?;
}
