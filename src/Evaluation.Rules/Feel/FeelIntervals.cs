namespace Evaluation.Rules.Feel;

/// <summary>
/// DMN 1.5's range functions (10.3.4.9: before, after, meets, met by, overlaps, overlaps before/after, finishes,
/// finished by, includes, during, starts, started by, coincides) over points and ranges. Comparisons follow
/// FEEL's three-valued logic: an open end (null) or values of different types make the result null.
/// </summary>
internal static partial class FeelLibrary
{
    /// <summary>The name and parameter lists of each range function (a point-or-range pair per overload).</summary>
    internal static readonly (string Name, string Method, string[][] Shapes)[] IntervalFunctions =
    [
        ("before", nameof(Before), [["point1", "point2"], ["point", "range"], ["range", "point"], ["range1", "range2"]]),
        ("after", nameof(After), [["point1", "point2"], ["point", "range"], ["range", "point"], ["range1", "range2"]]),
        ("meets", nameof(Meets), [["range1", "range2"]]),
        ("met by", nameof(MetBy), [["range1", "range2"]]),
        ("overlaps", nameof(Overlaps), [["range1", "range2"]]),
        ("overlaps before", nameof(OverlapsBefore), [["range1", "range2"]]),
        ("overlaps after", nameof(OverlapsAfter), [["range1", "range2"]]),
        ("finishes", nameof(Finishes), [["point", "range"], ["range1", "range2"]]),
        ("finished by", nameof(FinishedBy), [["range", "point"], ["range1", "range2"]]),
        ("includes", nameof(Includes), [["range", "point"], ["range1", "range2"]]),
        ("during", nameof(During), [["point", "range"], ["range1", "range2"]]),
        ("starts", nameof(Starts), [["point", "range"], ["range1", "range2"]]),
        ("started by", nameof(StartedBy), [["range", "point"], ["range1", "range2"]]),
        ("coincides", nameof(Coincides), [["point1", "point2"], ["range1", "range2"]]),
    ];

    private readonly record struct Interval(object? Start, bool StartIncluded, object? End, bool EndIncluded);

    private static Interval? AsInterval(object? value) => value switch
    {
        FeelRange r => new Interval(r.Start, r.StartIncluded, r.End, r.EndIncluded),
        FeelUnaryTestValue { Operator: FeelBinaryOperator.Less } t => new Interval(null, false, t.Operand, false),
        FeelUnaryTestValue { Operator: FeelBinaryOperator.LessOrEqual } t => new Interval(null, false, t.Operand, true),
        FeelUnaryTestValue { Operator: FeelBinaryOperator.Greater } t => new Interval(t.Operand, false, null, false),
        FeelUnaryTestValue { Operator: FeelBinaryOperator.GreaterOrEqual } t => new Interval(t.Operand, true, null, false),
        FeelUnaryTestValue { Operator: FeelBinaryOperator.Equal } t => new Interval(t.Operand, true, t.Operand, true),
        _ => null,
    };

    private static bool IsPoint(object? value) => value is not (null or FeelRange or FeelUnaryTestValue or IReadOnlyList<object?> or FeelContext or FeelFunction);

    private static bool? Lt(object? a, object? b) => FeelRuntime.Compare(FeelBinaryOperator.Less, a, b) as bool?;

    private static bool? Gt(object? a, object? b) => FeelRuntime.Compare(FeelBinaryOperator.Greater, a, b) as bool?;

    private static bool? Eq(object? a, object? b) => a is null || b is null ? null : FeelRuntime.Equal(a, b);

    private static bool? And(params bool?[] values) =>
        values.Any(v => v == false) ? false : values.All(v => v == true) ? true : null;

    private static bool? Or(params bool?[] values) =>
        values.Any(v => v == true) ? true : values.All(v => v == false) ? false : null;

    // Evaluates one of the four shapes; null when the arguments are no such pair.
    private static object? Shape(object? a, object? b,
        Func<object?, object?, bool?>? points, Func<object?, Interval, bool?>? pointRange,
        Func<Interval, object?, bool?>? rangePoint, Func<Interval, Interval, bool?>? ranges)
    {
        if (a is null || b is null) return null;
        var (ra, rb) = (AsInterval(a), AsInterval(b));
        if (ra is { } x && rb is { } y) return ranges?.Invoke(x, y);
        if (ra is null && rb is { } r && IsPoint(a)) return pointRange?.Invoke(a, r);
        if (ra is { } q && rb is null && IsPoint(b)) return rangePoint?.Invoke(q, b);
        if (ra is null && rb is null && IsPoint(a) && IsPoint(b)) return points?.Invoke(a, b);
        return null;
    }

    public static object? Before(object? a, object? b) => Shape(a, b,
        (p1, p2) => Lt(p1, p2),
        (p, r) => r.StartIncluded ? Lt(p, r.Start) : Or(Lt(p, r.Start), Eq(p, r.Start)),
        (r, p) => r.EndIncluded ? Lt(r.End, p) : Or(Lt(r.End, p), Eq(r.End, p)),
        (r1, r2) => r1.EndIncluded && r2.StartIncluded ? Lt(r1.End, r2.Start) : Or(Lt(r1.End, r2.Start), Eq(r1.End, r2.Start)));

    public static object? After(object? a, object? b) => Shape(a, b,
        (p1, p2) => Gt(p1, p2),
        (p, r) => r.EndIncluded ? Gt(p, r.End) : Or(Gt(p, r.End), Eq(p, r.End)),
        (r, p) => r.StartIncluded ? Gt(r.Start, p) : Or(Gt(r.Start, p), Eq(r.Start, p)),
        (r1, r2) => r1.StartIncluded && r2.EndIncluded ? Gt(r1.Start, r2.End) : Or(Gt(r1.Start, r2.End), Eq(r1.Start, r2.End)));

    public static object? Meets(object? a, object? b) => Shape(a, b, null, null, null,
        (r1, r2) => And(r1.EndIncluded, r2.StartIncluded, Eq(r1.End, r2.Start)));

    public static object? MetBy(object? a, object? b) => Shape(a, b, null, null, null,
        (r1, r2) => And(r1.StartIncluded, r2.EndIncluded, Eq(r1.Start, r2.End)));

    public static object? Overlaps(object? a, object? b) => Shape(a, b, null, null, null,
        (r1, r2) => And(
            Or(Gt(r1.End, r2.Start), And(Eq(r1.End, r2.Start), r1.EndIncluded, r2.StartIncluded)),
            Or(Lt(r1.Start, r2.End), And(Eq(r1.Start, r2.End), r1.StartIncluded, r2.EndIncluded))));

    public static object? OverlapsBefore(object? a, object? b) => Shape(a, b, null, null, null, OverlapsBefore);

    private static bool? OverlapsBefore(Interval r1, Interval r2) => And(
        Or(Lt(r1.Start, r2.Start), And(Eq(r1.Start, r2.Start), r1.StartIncluded, !r2.StartIncluded)),
        Or(Gt(r1.End, r2.Start), And(Eq(r1.End, r2.Start), r1.EndIncluded, r2.StartIncluded)),
        Or(Lt(r1.End, r2.End), And(Eq(r1.End, r2.End), !r1.EndIncluded || r2.EndIncluded)));

    public static object? OverlapsAfter(object? a, object? b) => Shape(a, b, null, null, null, (r1, r2) => OverlapsBefore(r2, r1));

    public static object? Finishes(object? a, object? b) => Shape(a, b, null,
        (p, r) => And(r.EndIncluded, Eq(r.End, p)), null,
        (r1, r2) => And(r1.EndIncluded == r2.EndIncluded, Eq(r1.End, r2.End),
            Or(Gt(r1.Start, r2.Start), And(Eq(r1.Start, r2.Start), !r1.StartIncluded || r2.StartIncluded))));

    public static object? FinishedBy(object? a, object? b) => Shape(a, b, null, null,
        (r, p) => And(r.EndIncluded, Eq(r.End, p)),
        (r1, r2) => And(r1.EndIncluded == r2.EndIncluded, Eq(r1.End, r2.End),
            Or(Lt(r1.Start, r2.Start), And(Eq(r1.Start, r2.Start), r1.StartIncluded || !r2.StartIncluded))));

    private static bool? IncludesPoint(Interval r, object? p) => Or(
        And(Lt(r.Start, p), Gt(r.End, p)),
        And(Eq(r.Start, p), r.StartIncluded),
        And(Eq(r.End, p), r.EndIncluded));

    private static bool? IncludesRange(Interval r1, Interval r2) => And(
        Or(Lt(r1.Start, r2.Start), And(Eq(r1.Start, r2.Start), r1.StartIncluded || !r2.StartIncluded)),
        Or(Gt(r1.End, r2.End), And(Eq(r1.End, r2.End), r1.EndIncluded || !r2.EndIncluded)));

    public static object? Includes(object? a, object? b) => Shape(a, b, null, null, IncludesPoint, IncludesRange);

    public static object? During(object? a, object? b) => Shape(a, b, null, (p, r) => IncludesPoint(r, p), null, (r1, r2) => IncludesRange(r2, r1));

    public static object? Starts(object? a, object? b) => Shape(a, b, null,
        (p, r) => And(Eq(r.Start, p), r.StartIncluded), null,
        (r1, r2) => And(Eq(r1.Start, r2.Start), r1.StartIncluded == r2.StartIncluded,
            Or(Lt(r1.End, r2.End), And(Eq(r1.End, r2.End), !r1.EndIncluded || r2.EndIncluded))));

    public static object? StartedBy(object? a, object? b) => Shape(a, b, null, null,
        (r, p) => And(Eq(r.Start, p), r.StartIncluded),
        (r1, r2) => And(Eq(r1.Start, r2.Start), r1.StartIncluded == r2.StartIncluded,
            Or(Lt(r2.End, r1.End), And(Eq(r2.End, r1.End), !r2.EndIncluded || r1.EndIncluded))));

    public static object? Coincides(object? a, object? b) => Shape(a, b,
        (p1, p2) => Eq(p1, p2), null, null,
        (r1, r2) => And(Eq(r1.Start, r2.Start), r1.StartIncluded == r2.StartIncluded, Eq(r1.End, r2.End), r1.EndIncluded == r2.EndIncluded));
}
