using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

public sealed class FeelParserTests
{
    [Fact]
    public void ParseExpression_Precedence_MultipliesBeforeAddingAndComparesBeforeAnd()
    {
        var expr = FeelParser.ParseExpression("a + b * c > 1 and flag");

        var and = expr.ShouldBeOfType<BinaryExpr>();
        and.Operator.ShouldBe(FeelBinaryOperator.And);
        var greater = and.Left.ShouldBeOfType<BinaryExpr>();
        greater.Operator.ShouldBe(FeelBinaryOperator.Greater);
        greater.Left.ShouldBeOfType<BinaryExpr>().Right.ShouldBeOfType<BinaryExpr>().Operator.ShouldBe(FeelBinaryOperator.Multiply);
    }

    [Fact]
    public void ParseExpression_MultiWordFunction_IsOneCall() =>
        FeelParser.ParseExpression("round half up(x, 2)").ShouldBeOfType<CallExpr>().Function.ShouldBe("round half up");

    [Fact]
    public void ParseExpression_KnownMultiWordName_IsOneName() =>
        FeelParser.ParseExpression("12 * Monthly Salary", ["Monthly Salary"]).ShouldBeOfType<BinaryExpr>()
            .Right.ShouldBeOfType<NameExpr>().Name.ShouldBe("Monthly Salary");

    [Fact]
    public void ParseExpression_Position_IsLineAndColumn()
    {
        var expr = FeelParser.ParseExpression("1 +\n  total");

        expr.ShouldBeOfType<BinaryExpr>().Right.Position.ShouldBe(new FeelPosition(6, 2, 3));
    }

    [Fact]
    public void ParseExpression_MissingOperand_ReportsLineAndColumn()
    {
        var error = Should.Throw<FeelException>(() => FeelParser.ParseExpression("total >=\n  and x"));

        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("unexpected 'and'");
        diagnostic.Position.Line.ShouldBe(2);
        diagnostic.Position.Column.ShouldBe(3);
    }

    [Fact]
    public void ParseExpression_SeveralErrors_ReportsEveryOne()
    {
        var error = Should.Throw<FeelException>(() => FeelParser.ParseExpression("max(1 +, 2 *, \"open"));

        error.Diagnostics.Select(d => d.Position.Column).ShouldBe([8, 13, 15, 20]);
        error.Diagnostics[2].Message.ShouldBe("unterminated string literal");
    }

    [Fact]
    public void ParseExpression_UnclosedParenthesis_SaysWhatWasExpected()
    {
        var error = Should.Throw<FeelException>(() => FeelParser.ParseExpression("(a + b"));

        error.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("')' expected but found the end of the expression");
        error.Diagnostics[0].Position.Column.ShouldBe(7);
    }

    [Theory]
    [InlineData("x instance of", "a type name expected after 'instance of'")]
    [InlineData("@\"2018-13-01\"", "@\"2018-13-01\" is not a valid date, time, date and time or duration")]
    [InlineData("{a: 1, : 2}", "a context entry needs a name before ':'")]
    [InlineData("x # 1", "unexpected character '#'")]
    public void ParseExpression_OutsideTheSubset_SaysSo(string text, string message) =>
        Should.Throw<FeelException>(() => FeelParser.ParseExpression(text)).Diagnostics[0].Message.ShouldBe(message);

    [Fact]
    public void ParseUnaryTests_Dash_MatchesAnything() => FeelParser.ParseUnaryTests("-").MatchesAnything.ShouldBeTrue();

    [Fact]
    public void ParseUnaryTests_Not_IsNegatedList()
    {
        var tests = FeelParser.ParseUnaryTests("not(< 5, > 10)");

        tests.Negated.ShouldBeTrue();
        tests.Tests.Count.ShouldBe(2);
        tests.Tests[0].ShouldBeOfType<ComparisonTest>().Operator.ShouldBe(FeelBinaryOperator.Less);
    }

    [Fact]
    public void ParseUnaryTests_Empty_IsAnError() =>
        Should.Throw<FeelException>(() => FeelParser.ParseUnaryTests("")).Diagnostics[0].Position.Column.ShouldBe(1);

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("- ", "")]
    public void ParseExpression_NestedBeyondTheLimit_IsAnErrorNotAStackOverflow(string open, string close)
    {
        string Nested(int depth) => string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

        Should.NotThrow(() => FeelParser.ParseExpression(Nested(64)));
        var error = Should.Throw<FeelException>(() => FeelParser.ParseExpression(Nested(10_000)));

        error.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("expression nested too deeply (more than 64 levels)");
        error.Diagnostics[0].Position.Column.ShouldBe(65 * open.Length - open.Length + 1);
    }
}
