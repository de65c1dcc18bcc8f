using System.Linq.Expressions;
using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

/// <summary>
/// ADR 0009: compiled for present operands (names bound as plain decimal/bool), an expression gives the
/// interpreter's value, or throws OverflowException where the interpreter's value is null because of an overflow.
/// </summary>
public sealed class PresentPathTests
{
    private static readonly string[] Expressions =
    [
        "a + b", "a - b", "a * b", "a / b", "a / 2", "a / 0", "-a", "--a", "a + b * c", "(a + b) * c", "0.95 - 0.6",
        "20 * (a - 0.6) / (0.95 - 0.6)", "a < b", "a <= b", "a > b", "a >= b", "a = b", "a != b", "a = null", "a != null",
        "a > 1 and b > 1", "a > 1 or b > 1", "flag and a > 0", "flag or a > 0", "flag = true", "not(flag)",
        "if flag then a else b", "if a > b then a else b", "if a / b > 1 then 10 else 4", "if flag then 1 else null",
        "min(a, b, c)", "max(a, b, c)", "min([a, b])", "sum(a, b, c)", "min(20, min(10, 2 * a) + (if flag then 5 else 0))",
        "a in [1..10]", "a in (1..10]", "a between b and c", "s = \"Ab\"", "if s = \"Ab\" then a else 0", "a * 1.0 / b",
        "a - null", "anything + 1", "a + anything", "a * a * a",
    ];

    private static readonly object?[][] Rows =
    [
        [2m, 3m, 4m, true, "Ab", 1m],
        [0m, 0m, 0m, false, "", "x"],
        [-2.5m, 1m, 10m, true, "Zb", null],
        [0.8m, 0.6m, 0.95m, false, "Ab", true],
        [79228162514264337593543950335m, 2m, 0.95m, true, "b", 2m],
        [null, 3m, null, null, null, null],
    ];

    private static readonly string[] Names = ["a", "b", "c", "flag", "s", "anything"];

    [Fact]
    public void Present_path_gives_the_interpreters_value_or_an_overflow()
    {
        var overflows = 0;
        var disagreements = new List<string>();
        foreach (var text in Expressions)
        {
            var expr = FeelParser.ParseExpression(text);
            foreach (var row in Rows)
            {
                var values = Expression.Parameter(typeof(object?[]), "values");
                Expression Bind(string name)
                {
                    var i = Array.IndexOf(Names, name);
                    var raw = Expression.ArrayIndex(values, Expression.Constant(i));
                    // Present numbers and booleans are bound as plain values, like the engine does after its missing-data test.
                    return row[i] switch
                    {
                        decimal when Feel.Types[name] == FeelType.Number => Expression.Convert(raw, typeof(decimal)),
                        bool when Feel.Types[name] == FeelType.Boolean => Expression.Convert(raw, typeof(bool)),
                        _ => FeelEmitter.Coerce(raw, Feel.Types[name].ClrType),
                    };
                }
                var body = FeelCompiler.CompilePresent(expr, Bind);
                var run = Expression.Lambda<Func<object?[], object?>>(Expression.Convert(body, typeof(object)), values).Compile();
                var interpreted = FeelInterpreter.Evaluate(expr, n => row[Array.IndexOf(Names, n)]);
                object? compiled;
                try
                {
                    compiled = run(row);
                }
                catch (OverflowException)
                {
                    overflows++;
                    if (interpreted is not null) disagreements.Add($"{text} on a={Feel.Show(row[0])}: overflow, interpreted {Feel.Show(interpreted)}");
                    continue;
                }
                if (!Feel.Same(compiled, interpreted))
                    disagreements.Add($"{text} on a={Feel.Show(row[0])}: present {Feel.Show(compiled)}, interpreted {Feel.Show(interpreted)}");
            }
        }
        disagreements.ShouldBeEmpty();
        overflows.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Present_operands_compile_to_plain_decimals_and_bools()
    {
        Expression Bind(string name) => name switch
        {
            "a" or "b" => Expression.Parameter(typeof(decimal), name),
            "flag" => Expression.Parameter(typeof(bool), name),
            _ => Expression.Parameter(typeof(decimal?), name),
        };
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("40 - 200 * (1 - a)"), Bind).Type.ShouldBe(typeof(decimal));
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("if flag then a / 2 else b"), Bind).Type.ShouldBe(typeof(decimal));
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("a >= 0.5 and flag"), Bind).Type.ShouldBe(typeof(bool));
        // Division by a variable can be null (b = 0), and so can anything reading a nullable name.
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("a / b"), Bind).Type.ShouldBe(typeof(decimal?));
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("a + c"), Bind).Type.ShouldBe(typeof(decimal?));
        FeelCompiler.CompilePresent(FeelParser.ParseExpression("0.95 - 0.6"), Bind).ShouldBeOfType<ConstantExpression>().Value.ShouldBe(0.35m);
    }
}
