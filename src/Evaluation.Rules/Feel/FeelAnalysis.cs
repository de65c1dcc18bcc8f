namespace Evaluation.Rules.Feel;

/// <summary>Static facts about parsed expressions.</summary>
public static class FeelAnalysis
{
    /// <summary>The names an expression reads (built-in function names excluded; a called function value's name included).</summary>
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

    // Names bound inside the expression (context entries, iteration variables, parameters, a filter's item)
    // are not free; inside a filter every other name is reported, as it may be read from outside.
    private static void Collect(FeelExpr expr, HashSet<string> names) => Collect(expr, names, ImmutableBound.Empty);

    private static void Collect(FeelExpr expr, HashSet<string> names, ImmutableBound bound)
    {
        switch (expr)
        {
            case NameExpr n:
                if (!bound.Contains(n.Name)) names.Add(n.Name);
                return;
            case ContextExpr c:
                foreach (var entry in c.Entries)
                {
                    Collect(entry.Value, names, bound);
                    bound = bound.With(entry.Key);
                }
                return;
            case FilterExpr f:
                Collect(f.Target, names, bound);
                Collect(f.Filter, names, bound.With("item"));
                return;
            case ForExpr f:
                Collect(f.Body, names, Iterations(f.Iterations, names, bound).With("partial"));
                return;
            case QuantifiedExpr q:
                Collect(q.Condition, names, Iterations(q.Iterations, names, bound));
                return;
            case FunctionExpr f:
                Collect(f.Body, names, f.Parameters.Aggregate(bound, (b, p) => b.With(p)));
                return;
            case CallExpr call when call.Function is "today" or "now" && call.Arguments.Count == 0:
                names.Add(FeelLibrary.EvaluationDateName);
                return;
            // A call of a name that is no built-in calls a function value, which may come from outside.
            case CallExpr call when !FeelFunctions.IsKnown(call.Function):
                if (!bound.Contains(call.Function)) names.Add(call.Function);
                foreach (var arg in call.Arguments) Collect(arg.Value, names, bound);
                return;
            case InExpr i:
                foreach (var test in i.Tests)
                {
                    if (test is ComparisonTest c) Collect(c.Operand, names, bound);
                    else if (test is ValueTest v) Collect(v.Value, names, bound);
                }
                Collect(i.Value, names, bound);
                return;
        }
        foreach (var child in Children(expr)) Collect(child, names, bound);
    }

    private static ImmutableBound Iterations(IReadOnlyList<FeelIteration> iterations, HashSet<string> names, ImmutableBound bound)
    {
        foreach (var iteration in iterations)
        {
            Collect(iteration.Domain, names, bound);
            bound = bound.With(iteration.Name);
        }
        return bound;
    }

    private static IEnumerable<FeelExpr> Children(FeelExpr expr) => expr switch
    {
        ListExpr l => l.Items,
        RangeExpr r => [r.Start, r.End],
        NegateExpr n => [n.Operand],
        BinaryExpr b => [b.Left, b.Right],
        BetweenExpr b => [b.Value, b.Low, b.High],
        IfExpr i => [i.Condition, i.Then, i.Else],
        CallExpr c => c.Arguments.Select(a => a.Value),
        PathExpr p => [p.Target],
        InvokeExpr i => i.Arguments.Select(a => a.Value).Prepend(i.Callee),
        UnaryTestExpr u => [u.Operand],
        InstanceOfExpr i => [i.Value],
        _ => [],
    };

    private sealed class ImmutableBound
    {
        public static readonly ImmutableBound Empty = new(null, "");

        private readonly ImmutableBound? _parent;
        private readonly string _name;

        private ImmutableBound(ImmutableBound? parent, string name) => (_parent, _name) = (parent, name);

        public ImmutableBound With(string name) => new(this, name);

        public bool Contains(string name)
        {
            for (var b = this; b?._parent is not null; b = b._parent)
            {
                if (b._name == name) return true;
            }
            return false;
        }
    }
}
