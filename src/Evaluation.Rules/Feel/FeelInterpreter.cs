namespace Evaluation.Rules.Feel;

/// <summary>
/// The reference evaluator: walks the tree over boxed runtime values with the same FeelRuntime operations the
/// compiler falls back to. Deliberately simple; compiled code is checked against it.
/// </summary>
public static class FeelInterpreter
{
    /// <summary>Evaluates an expression; names are looked up on demand. Never throws for FEEL errors: they are null.</summary>
    public static object? Evaluate(FeelExpr expr, Func<string, object?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return expr switch
        {
            NumberLiteral n => n.Value,
            StringLiteral s => s.Value,
            BooleanLiteral b => b.Value,
            NullLiteral => null,
            NameExpr name => FeelRuntime.Normalize(lookup(name.Name)),
            ListExpr list => list.Items.Select(i => Evaluate(i, lookup)).ToArray(),
            RangeExpr r => new FeelRange(Evaluate(r.Start, lookup), r.StartIncluded, Evaluate(r.End, lookup), r.EndIncluded),
            NegateExpr negate => FeelRuntime.Negate(Evaluate(negate.Operand, lookup)),
            BinaryExpr b => FeelRuntime.Binary(b.Operator, Evaluate(b.Left, lookup), Evaluate(b.Right, lookup)),
            BetweenExpr b => FeelRuntime.Between(Evaluate(b.Value, lookup), Evaluate(b.Low, lookup), Evaluate(b.High, lookup)),
            InExpr @in => Disjunction(@in.Tests, Evaluate(@in.Value, lookup), lookup),
            IfExpr @if => Evaluate(@if.Condition, lookup) is true ? Evaluate(@if.Then, lookup) : Evaluate(@if.Else, lookup),
            CallExpr call => Call(call, lookup),
            _ => throw new NotSupportedException($"cannot evaluate {expr?.GetType().Name}"),
        };
    }

    /// <summary>True iff the input satisfies the cell; a missing input satisfies only "-" and an explicit null test.</summary>
    public static bool Test(UnaryTests tests, object? input, Func<string, object?> lookup)
    {
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.MatchesAnything) return true;
        input = FeelRuntime.Normalize(input);
        if (input is null) return !tests.Negated && tests.Tests.Any(t => t is ValueTest { Value: NullLiteral });
        var result = Disjunction(tests.Tests, input, lookup);
        return (tests.Negated ? FeelRuntime.Not(result) : result) == true;
    }

    private static bool? Disjunction(IReadOnlyList<UnaryTest> tests, object? input, Func<string, object?> lookup)
    {
        bool? result = false;
        foreach (var test in tests) result = FeelRuntime.Or(result, TestOne(test, input, lookup));
        return result;
    }

    private static bool? TestOne(UnaryTest test, object? input, Func<string, object?> lookup) => test switch
    {
        ComparisonTest c => FeelRuntime.Compare(c.Operator, input, Evaluate(c.Operand, lookup)) as bool?,
        ValueTest v => FeelRuntime.TestValue(input, Evaluate(v.Value, lookup)),
        _ => null,
    };

    private static object? Call(CallExpr call, Func<string, object?> lookup)
    {
        var resolved = FeelFunctions.Resolve(call, out _);
        if (resolved is null) return null;
        var args = resolved.Arguments.Select(a => Evaluate(a, lookup)).ToArray();
        return resolved.Overload is { } overload
            ? FeelFunctions.Invoke(overload, args)
            : FeelFunctions.Aggregate(resolved.Aggregate, args);
    }
}
