namespace Evaluation.Rules.Feel;

/// <summary>Static facts about parsed expressions.</summary>
public static class FeelAnalysis
{
    /// <summary>The names an expression reads (function names excluded).</summary>
    public static IReadOnlySet<string> FreeNames(FeelExpr expr)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(expr, names);
        return names;
    }

    /// <summary>The names a decision-table cell reads.</summary>
    public static IReadOnlySet<string> FreeNames(UnaryTests tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in tests.Tests) Collect(test, names);
        return names;
    }

    private static void Collect(UnaryTest test, HashSet<string> names)
    {
        if (test is ComparisonTest c) Collect(c.Operand, names);
        else if (test is ValueTest v) Collect(v.Value, names);
    }

    private static void Collect(FeelExpr expr, HashSet<string> names)
    {
        foreach (var child in Children(expr, names)) Collect(child, names);
    }

    private static IEnumerable<FeelExpr> Children(FeelExpr expr, HashSet<string> names)
    {
        switch (expr)
        {
            case NameExpr n: names.Add(n.Name); return [];
            case ListExpr l: return l.Items;
            case RangeExpr r: return [r.Start, r.End];
            case NegateExpr n: return [n.Operand];
            case BinaryExpr b: return [b.Left, b.Right];
            case BetweenExpr b: return [b.Value, b.Low, b.High];
            case IfExpr i: return [i.Condition, i.Then, i.Else];
            case CallExpr c: return c.Arguments.Select(a => a.Value);
            case InExpr i:
                foreach (var test in i.Tests) Collect(test, names);
                return [i.Value];
            default: return [];
        }
    }
}
