using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

public sealed class FeelSemanticsTests
{
    [Theory]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData(".5 + 1.0", "1.5")]
    [InlineData("-0.10 * 10", "-1")]
    [InlineData("10 + 20 / -5 - 3", "3")]
    [InlineData("5 + 2 ** 5 + 3", "40")]
    [InlineData("10 ** -5", "0.00001")]
    [InlineData("-2 ** 2", "4")]
    [InlineData("1.2 * 10 ** 3", "1200")]
    [InlineData("1 / 3 * 3", "0.9999999999999999999999999999")]
    [InlineData("1.23e4", "12300")]
    [InlineData("max(0, 3 - 1 * 5)", "0")]
    [InlineData("if 1 > 2 then 1 else 2", "2")]
    public void Evaluate_Arithmetic_IsExactDecimal(string text, string expected) =>
        Feel.Eval(text).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("10 + null")]
    [InlineData("null * 10")]
    [InlineData("10 / 0")]
    [InlineData("79228162514264337593543950335 * 2")]
    [InlineData("1 < null")]
    [InlineData("\"a\" < 1")]
    [InlineData("1 = \"1\"")]
    [InlineData("not(null)")]
    [InlineData("true and null")]
    [InlineData("false or null")]
    [InlineData("null between 1 and 10")]
    [InlineData("-\"10\"")]
    [InlineData("abs(\"1\")")]
    [InlineData("abs()")]
    [InlineData("floor(n: 1.5, scal: 1)")]
    [InlineData("date(\"2018-02-30\")")]
    [InlineData("min([])")]
    [InlineData("sum([1, null])")]
    public void Evaluate_NullOrErrorOperands_GivesNullAndNeverThrows(string text) => Feel.Eval(text).ShouldBeNull();

    [Theory]
    [InlineData("null = null", true)]
    [InlineData("null != null", false)]
    [InlineData("1 = null", false)]
    [InlineData("\"a\" != null", true)]
    [InlineData("false and null", false)]
    [InlineData("null and false", false)]
    [InlineData("true or null", true)]
    [InlineData("null or true", true)]
    [InlineData("not(false)", true)]
    [InlineData("0 = 0.00", true)]
    [InlineData("[1, 2] = [1, 2]", true)]
    [InlineData("[1..10] = [1..10]", true)]
    [InlineData("(1..10] = ]1..10]", true)]
    [InlineData("5 between 1 and 10", true)]
    [InlineData("10 between 1 and 10", true)]
    [InlineData("\"c\" between \"b\" and \"d\"", true)]
    [InlineData("date(\"2018-06-30\") < date(\"2018-07-01\")", true)]
    [InlineData("@\"2018-06-30\" = date(\"2018-06-30\")", true)]
    [InlineData("2 in [1, 2]", true)]
    [InlineData("3 in [1, 2]", false)]
    [InlineData("1 in [1..2)", true)]
    [InlineData("2 in [1..2)", false)]
    [InlineData("1 in (1..2]", false)]
    [InlineData("11 in (< 0, > 10)", true)]
    [InlineData("\"B\" in [\"A\", \"B\"]", true)]
    [InlineData("all([true, true])", true)]
    [InlineData("all([])", true)]
    [InlineData("any([false, true])", true)]
    [InlineData("any([])", false)]
    [InlineData("contains(\"harmonious\", \"mon\")", true)]
    [InlineData("starts with(\"harmonious\", \"harm\")", true)]
    [InlineData("ends with(\"harmonious\", \"ous\")", true)]
    public void Evaluate_Logic_FollowsFeel(string text, bool expected) => Feel.Eval(text).ShouldBe(expected);

    [Fact]
    public void Evaluate_IfWithNullCondition_TakesElse() => Feel.Eval("if flag then 1 else 2", ("flag", null)).ShouldBe(2m);

    [Fact]
    public void Evaluate_AllWithNullAndTrue_IsNull() => Feel.Eval("all([true, null])").ShouldBeNull();

    [Theory]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max([3, 1, 2])", "3")]
    [InlineData("sum(1, 2, 3)", "6")]
    [InlineData("sum([0.1, 0.2])", "0.3")]
    [InlineData("count([1, null, 3])", "3")]
    [InlineData("abs(-1.5)", "1.5")]
    [InlineData("abs(n: -1)", "1")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceiling(-1.5)", "-1")]
    [InlineData("floor(1.56, 1)", "1.5")]
    [InlineData("ceiling(1.56, 1)", "1.6")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("decimal(3.5, 0)", "4")]
    [InlineData("decimal(0.515, 2)", "0.52")]
    [InlineData("decimal(n: 1/3, scale: 2)", "0.33")]
    [InlineData("round half up(5.5, 0)", "6")]
    [InlineData("round half up(-5.5, 0)", "-6")]
    [InlineData("round half up(1234, -2)", "1200")]
    [InlineData("round half down(5.5, 0)", "5")]
    [InlineData("round half down(-5.5, 0)", "-5")]
    [InlineData("round up(5.1, 0)", "6")]
    [InlineData("round down(-5.9, 0)", "-5")]
    [InlineData("modulo(-12, 5)", "3")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("string length(\"和谐企业\")", "4")]
    public void Evaluate_NumberFunctions_FollowFeel(string text, string expected) =>
        Feel.Eval(text).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("substring before(\"Hello World\", \" \")", "Hello")]
    [InlineData("substring after(\"Hello World\", \" \")", "World")]
    [InlineData("upper case(\"abc\")", "ABC")]
    [InlineData("\"a\" + \"b\"", "ab")]
    [InlineData("\"tab\\there \\\"q\\\"\"", "tab\there \"q\"")]
    [InlineData("min(\"b\", \"a\")", "a")]
    public void Evaluate_StringFunctions_FollowFeel(string text, string expected) => Feel.Eval(text).ShouldBe(expected);

    [Fact]
    public void Evaluate_Date_ParsesIsoDate() => Feel.Eval("date(\"2018-06-30\")").ShouldBe((FeelDate)new DateOnly(2018, 6, 30));

    [Fact]
    public void Evaluate_Names_AreLookedUp() =>
        Feel.Eval("social_insurance_rate >= 0.95 and total > 90", ("social_insurance_rate", 0.96m), ("total", 91m)).ShouldBe(true);

    [Fact]
    public void Compile_TypedNumbers_CompilesWithoutBoxingToTheFeelClrType()
    {
        var a = System.Linq.Expressions.Expression.Parameter(typeof(decimal?), "a");
        var expr = FeelParser.ParseExpression("min(a, 1, 2) + 1");

        var compiled = FeelCompiler.Compile(expr, _ => a);

        compiled.Type.ShouldBe(typeof(decimal?));
        compiled.ToString().ShouldNotContain("Convert");
        compiled.ToString().ShouldNotContain("new [] ");
    }

    [Fact]
    public void Compile_InStringList_CompilesToComparisons()
    {
        var s = System.Linq.Expressions.Expression.Parameter(typeof(string), "s");

        var compiled = FeelCompiler.Compile(FeelParser.ParseExpression("s in [\"A\", \"B\"]"), _ => s);

        compiled.Type.ShouldBe(typeof(bool?));
        compiled.ToString().ShouldContain("Equal(s, \"A\")");
        compiled.ToString().ShouldNotContain("TestValue");
    }

    [Fact]
    public void Compile_Comparison_HasBooleanClrType() =>
        FeelCompiler.Compile(FeelParser.ParseExpression("1 < 2"), _ => throw new InvalidOperationException()).Type.ShouldBe(typeof(bool?));

    [Fact]
    public void FreeNames_Expression_ListsNamesButNotFunctions() =>
        FeelAnalysis.FreeNames(FeelParser.ParseExpression("max(0, points - lost) + round half up(rate, 2) * x in [y..z]"))
            .OrderBy(n => n, StringComparer.Ordinal).ShouldBe(["lost", "points", "rate", "x", "y", "z"]);

    [Fact]
    public void FreeNames_UnaryTests_ListsNamesInTests() =>
        FeelAnalysis.FreeNames(FeelParser.ParseUnaryTests("< target, [low..high]")).Count.ShouldBe(3);
}
