using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

/// <summary>Test helper: evaluates FEEL text both compiled and interpreted and insists they agree.</summary>
internal static class Feel
{
    public static readonly Dictionary<string, FeelType> Types = new()
    {
        ["a"] = FeelType.Number,
        ["b"] = FeelType.Number,
        ["c"] = FeelType.Number,
        ["s"] = FeelType.String,
        ["flag"] = FeelType.Boolean,
        ["d"] = FeelType.Date,
        ["items"] = FeelType.ListOf(FeelType.Number),
        ["anything"] = FeelType.Any,
        ["evaluation_date"] = FeelType.Date,
        ["total"] = FeelType.Number,
        ["social_insurance_rate"] = FeelType.Number,
    };

    public static FeelType? Resolve(string name) => Types.GetValueOrDefault(name);

    public static object? Eval(string text, params (string Name, object? Value)[] values)
    {
        var (compiled, interpreted) = Both(text, values);
        Same(compiled, interpreted).ShouldBeTrue($"compiled {Show(compiled)} but interpreted {Show(interpreted)} for {text}");
        return compiled;
    }

    public static (object? Compiled, object? Interpreted) Both(string text, params (string Name, object? Value)[] values)
    {
        var expr = FeelParser.ParseExpression(text);
        var env = values.ToDictionary(v => v.Name, v => v.Value);
        Func<string, object?> lookup = name => env.GetValueOrDefault(name);
        return (FeelCompiler.CompileDelegate(expr, Resolve)(lookup), FeelInterpreter.Evaluate(expr, lookup));
    }

    public static bool Test(string cell, FeelType inputType, object? input)
    {
        var tests = FeelParser.ParseUnaryTests(cell);
        var compiled = FeelCompiler.CompileUnaryTestsDelegate(tests, inputType, Resolve)(input, _ => null);
        var interpreted = FeelInterpreter.Test(tests, input, _ => null);
        compiled.ShouldBe(interpreted, $"cell {cell} on {Show(input)}");
        return compiled;
    }

    public static List<FeelDiagnostic> Check(string text)
    {
        var diagnostics = new List<FeelDiagnostic>();
        FeelTypeChecker.Check(FeelParser.ParseExpression(text), Resolve, diagnostics);
        return diagnostics;
    }

    public static bool Same(object? x, object? y) =>
        x is null ? y is null : y is not null && x.GetType() == y.GetType() || (x is IReadOnlyList<object?> && y is IReadOnlyList<object?>)
            ? x is null || FeelRuntime.Equal(x, y) == true
            : false;

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IReadOnlyList<object?> list => $"[{string.Join(", ", list.Select(Show))}]",
        _ => $"{value} ({value.GetType().Name})",
    };
}
