using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

public sealed class UnaryTestsTests
{
    [Theory]
    [InlineData("< 5", 4, true)]
    [InlineData("< 5", 5, false)]
    [InlineData(">= 0.95", 0.95, true)]
    [InlineData("[0.9..0.95)", 0.9, true)]
    [InlineData("[0.9..0.95)", 0.95, false)]
    [InlineData("(0.9..0.95]", 0.9, false)]
    [InlineData("(0.9..0.95]", 0.95, true)]
    [InlineData("1, 2, 3", 2, true)]
    [InlineData("1, 2, 3", 4, false)]
    [InlineData("not(< 5, > 10)", 7, true)]
    [InlineData("not(< 5, > 10)", 11, false)]
    [InlineData("-", 42, true)]
    [InlineData("2", 2, true)]
    [InlineData("!= 2", 2, false)]
    public void Test_NumberInput_MatchesLikeFeel(string cell, double input, bool expected) =>
        Feel.Test(cell, FeelType.Number, (decimal)input).ShouldBe(expected);

    [Theory]
    [InlineData("\"A\",\"B\"", "B", true)]
    [InlineData("\"A\",\"B\"", "C", false)]
    [InlineData("not(\"D\")", "C", true)]
    [InlineData("not(\"D\")", "D", false)]
    public void Test_StringInput_MatchesLikeFeel(string cell, string input, bool expected) =>
        Feel.Test(cell, FeelType.String, input).ShouldBe(expected);

    [Theory]
    [InlineData("-", true)]
    [InlineData("null", true)]
    [InlineData("\"A\", null", true)]
    [InlineData("< 5", false)]
    [InlineData("not(\"D\")", false)]
    [InlineData("not(< 5)", false)]
    [InlineData("not(null)", false)]
    [InlineData("[1..5]", false)]
    public void Test_NullInput_MatchesOnlyDashAndNull(string cell, bool expected)
    {
        Feel.Test(cell, FeelType.String, null).ShouldBe(expected);
        Feel.Test(cell, FeelType.Any, null).ShouldBe(expected);
    }

    [Fact]
    public void Test_TypeMismatch_DoesNotMatch() => Feel.Test("< 5", FeelType.Any, "x").ShouldBeFalse();

    [Fact]
    public void CompileUnaryTests_TypedInput_IsABoolExpression()
    {
        var input = System.Linq.Expressions.Expression.Parameter(typeof(decimal?), "rate");

        var compiled = FeelCompiler.CompileUnaryTests(FeelParser.ParseUnaryTests("[0.9..0.95)"), input, _ => throw new InvalidOperationException());

        compiled.Type.ShouldBe(typeof(bool));
        compiled.ToString().ShouldNotContain("InRange");
    }
}
