using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

public sealed class CompiledAgreesWithInterpreterTests
{
    private static readonly string[] Expressions =
    [
        "a + b", "a - b", "a * b", "a / b", "a ** 2", "b ** -1", "-a", "--a", "a + b * c", "(a + b) * c",
        "0.1 + 0.2", "0.1 + 0.2 = 0.3", "a / 0", "a ** b", "1 / 3 * 3",
        "a < b", "a <= b", "a > b", "a >= b", "a = b", "a != b", "a = null", "null = a", "a != null",
        "a > 1 and b > 1", "a > 1 or b > 1", "flag and a > 0", "flag or a > 0", "not(flag)", "not(a > b)",
        "a between 1 and 10", "a between b and c", "s between \"b\" and \"d\"",
        "a in [1, 2, 3]", "a in [1..10]", "a in (1..10)", "a in [1..10)", "a in (< 0, > 5)", "s in [\"A\", \"B\"]", "a in items",
        "if flag then a else b", "if a > b then a else b", "if a = null then 0 else a",
        "min(a, b, c)", "max(a, b, c)", "min([a, b])", "max(items)", "sum(items)", "sum(a, b, c)", "count(items)",
        "abs(a)", "floor(a)", "ceiling(a)", "floor(a, 1)", "decimal(a, 1)", "round half up(a, 0)", "round half down(a, 0)",
        "round up(a, 0)", "round down(a, 0)", "modulo(a, b)", "sqrt(a)",
        "all([a > 0, b > 0])", "any([a > 0, b > 0])", "all(flag, a > 0)",
        "contains(s, \"A\")", "starts with(s, \"A\")", "ends with(s, \"b\")", "string length(s)", "substring before(s, \"b\")",
        "s + \"!\"", "s < \"M\"", "s = \"Ab\"",
        "d > date(\"2018-06-30\")", "d = date(\"2018-06-30\")", "d between date(\"2018-01-01\") and date(\"2018-12-31\")",
        "anything + 1", "anything = 1", "anything < 1", "anything and flag", "-anything", "abs(anything)", "min(anything, a)",
        "anything in [1, 2]", "anything in [1..2]", "a + anything", "s + anything",
        "max(0, 3 - 1 * a)", "a * 1.0 / b", "a - null", "null / a", "[a, b] = [a, b]", "[1..a] = [1..a]",
        "a > \"x\"", "a = \"x\"", "s + a", "flag < true", "a and flag",
        "d - date(\"2018-01-01\")", "d + duration(\"P1M\")", "d - @\"P10D\"", "d.year", "d.weekday", "string(d)",
        "date and time(d, time(\"10:00:00\")) + duration(\"PT20H\")", "d > date and time(\"2018-06-30T00:00:00\")",
        "duration(\"P1D\") * a", "abs(duration(\"-P1D\"))", "@\"P1Y\" + @\"P2M\"", "years and months duration(d, date(\"2020-02-29\"))",
        "{k: a, m: k + 1}.m", "{k: a} = {k: b}", "[a, b, c][item > 1]", "items[1]", "items[-1]", "[{x: a}, {x: b}][x > 1].x",
        "for x in items return x * 2", "for i in 1..3 return i * a", "some x in items satisfies x > 1", "every x in items satisfies x > 0",
        "(function(x) x + a)(1)", "substring(s, 1, 1)", "substring(string: s, start position: 2)", "upper case(s)",
        "list contains(items, 1)", "mean(items)", "sublist(items, 1, 1)", "append(items, a)", "concatenate(items, [a])",
        "distinct values(items)", "sort(items)", "index of(items, 1)", "matches(s, \"^A\")", "replace(s, \"A\", \"x\")",
        "split(s, \"b\")", "string join([s, \"x\"], \",\")", "get value({k: a}, \"k\")", "a in (< 3)", "(< 3) = (< 3)",
    ];

    private static readonly (string Name, object? Value)[][] Inputs =
    [
        [("a", 2m), ("b", 3m), ("c", 4m), ("s", "Ab"), ("flag", true), ("d", new DateOnly(2018, 6, 30)), ("items", new object?[] { 1m, 2m }), ("anything", 1m)],
        [("a", null), ("b", 3m), ("c", null), ("s", null), ("flag", null), ("d", null), ("items", null), ("anything", null)],
        [("a", 0m), ("b", 0m), ("c", 0m), ("s", ""), ("flag", false), ("d", new DateOnly(2019, 1, 1)), ("items", Array.Empty<object?>()), ("anything", "x")],
        [("a", -2.5m), ("b", 1m), ("c", 10m), ("s", "Zb"), ("flag", true), ("d", new DateOnly(2018, 1, 1)), ("items", new object?[] { 1m, null }), ("anything", true)],
        [("a", 10m), ("b", 2m), ("c", 1m), ("s", "A"), ("flag", false), ("d", new DateOnly(2018, 12, 31)), ("items", new object?[] { 5m }), ("anything", new object?[] { 1m })],
        [("a", 79228162514264337593543950335m), ("b", 2m), ("c", 0.95m), ("s", "b"), ("flag", true), ("d", null), ("items", new object?[] { 0.1m, 0.2m }), ("anything", 2m)],
        [("a", 0.5m), ("b", -0.5m), ("c", 1.5m), ("s", "AbAb"), ("flag", null), ("d", null), ("items", null), ("anything", null)],
    ];

    private static readonly string[] Cells =
    [
        "-", "< 5", ">= 0.95", "[0.9..0.95)", "(0.9..1]", "1, 2, 3", "not(1)", "not(< 5, > 10)", "null", "null, 2", "not(null)",
        "[1, 2]", ">= a", "= 2", "!= 2", "2",
    ];

    [Fact]
    public void Compile_EveryExpressionAndInput_GivesTheInterpretersResult()
    {
        Expressions.Length.ShouldBeGreaterThanOrEqualTo(60);
        var disagreements = new List<string>();
        foreach (var text in Expressions)
        {
            foreach (var input in Inputs)
            {
                var (compiled, interpreted) = Feel.Both(text, input);
                if (!Feel.Same(compiled, interpreted))
                    disagreements.Add($"{text} with a={Feel.Show(input[0].Value)}: compiled {Feel.Show(compiled)}, interpreted {Feel.Show(interpreted)}");
            }
        }
        disagreements.ShouldBeEmpty();
    }

    [Fact]
    public void CompileUnaryTests_EveryCellAndInput_GivesTheInterpretersResult()
    {
        object?[] inputs = [null, 0m, 1m, 0.9m, 0.95m, 2m, 5m, 11m, "x"];
        foreach (var cell in Cells)
        {
            foreach (var input in inputs)
            {
                foreach (var type in new[] { FeelType.Number, FeelType.Any })
                {
                    if (input is string && type == FeelType.Number) continue;
                    var tests = FeelParser.ParseUnaryTests(cell);
                    var compiled = FeelCompiler.CompileUnaryTestsDelegate(tests, type, Feel.Resolve)(input, n => n == "a" ? 1m : null);
                    var interpreted = FeelInterpreter.Test(tests, input, n => n == "a" ? 1m : null);
                    compiled.ShouldBe(interpreted, $"cell {cell} on {Feel.Show(input)} as {type}");
                }
            }
        }
    }
}
