using System.Collections.Immutable;

namespace Evaluation.Engine;

/// <summary>
/// A first-hit decision table over one present number with constant results, each row an interval (a comparison,
/// a range, an equality or "-"): data for <see cref="First"/> instead of inline code, so a stage compiles small
/// (ADR 0014). Each row keeps only the bound checks that the rows before it, having failed, do not already imply
/// (after "&gt;= 1.2" failed, "[1.0..1.2)" need only test "&gt;= 1.0"), as a hand-written switch would.
/// </summary>
internal sealed class IntervalTable
{
    /// <summary>One row: the bounds still to check (null: none), strict or not, and the result.</summary>
    internal readonly record struct Row(decimal? Lower, bool LowerStrict, decimal? Upper, bool UpperStrict, decimal Result);

    private readonly decimal[] _lower;
    private readonly decimal[] _upper;
    private readonly byte[] _checks;
    private readonly decimal[] _results;
    private readonly long[] _bits;

    private const byte CheckLower = 1, LowerStrict = 2, CheckUpper = 4, UpperStrict = 8;

    /// <summary>The rows as written (bounds as in the table); the implied checks are dropped here.</summary>
    public IntervalTable(IReadOnlyList<Row> rows)
    {
        Rows = [.. rows];
        var n = rows.Count;
        (_lower, _upper, _checks, _results, _bits) = (new decimal[n], new decimal[n], new byte[n], new decimal[n], new long[n]);
        // What the failed rows before this one prove: x > / >= knownLow, x < / <= knownHigh.
        decimal? knownLow = null, knownHigh = null;
        bool lowStrict = false, highStrict = false;
        for (var r = 0; r < n; r++)
        {
            var row = rows[r];
            _results[r] = row.Result;
            _bits[r] = r < 63 ? 1L << r : 0L;
            var checkLower = row.Lower is { } lo && !(knownLow is { } kl && (kl > lo || kl == lo && (lowStrict || !row.LowerStrict)));
            var checkUpper = row.Upper is { } hi && !(knownHigh is { } kh && (kh < hi || kh == hi && (highStrict || !row.UpperStrict)));
            if (checkLower)
            {
                _lower[r] = row.Lower!.Value;
                _checks[r] |= (byte)(CheckLower | (row.LowerStrict ? LowerStrict : 0));
            }
            if (checkUpper)
            {
                _upper[r] = row.Upper!.Value;
                _checks[r] |= (byte)(CheckUpper | (row.UpperStrict ? UpperStrict : 0));
            }
            // If this row fails on its one remaining check, the opposite bound holds for the rows after it.
            if (checkLower && !checkUpper)
                Tighten(ref knownHigh, ref highStrict, row.Lower!.Value, strict: !row.LowerStrict, upper: true);
            else if (checkUpper && !checkLower)
                Tighten(ref knownLow, ref lowStrict, row.Upper!.Value, strict: !row.UpperStrict, upper: false);
        }
    }

    /// <summary>How many bound checks remain over all rows (tests).</summary>
    internal int CheckCount => _checks.Sum(c => ((c & CheckLower) != 0 ? 1 : 0) + ((c & CheckUpper) != 0 ? 1 : 0));

    /// <summary>The rows as given (for the plan fingerprint and tests).</summary>
    public ImmutableArray<Row> Rows { get; }

    private static void Tighten(ref decimal? known, ref bool knownStrict, decimal bound, bool strict, bool upper)
    {
        if (known is { } k && (upper ? k < bound || k == bound && (knownStrict || !strict) : k > bound || k == bound && (knownStrict || !strict))) return;
        (known, knownStrict) = (bound, strict);
    }

    /// <summary>The result of the first row <paramref name="x"/> satisfies (0 when none); its bit in <c>rows[table]</c>.</summary>
    public static decimal First(decimal x, IntervalTable t, long[] rows, int table)
    {
        var checks = t._checks;
        for (var r = 0; r < checks.Length; r++)
        {
            var c = checks[r];
            if ((c & CheckLower) != 0 && ((c & LowerStrict) != 0 ? x <= t._lower[r] : x < t._lower[r])) continue;
            if ((c & CheckUpper) != 0 && ((c & UpperStrict) != 0 ? x >= t._upper[r] : x > t._upper[r])) continue;
            rows[table] = t._bits[r];
            return t._results[r];
        }
        rows[table] = 0L;
        return 0m;
    }
}
