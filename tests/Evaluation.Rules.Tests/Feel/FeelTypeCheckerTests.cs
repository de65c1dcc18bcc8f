using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

public sealed class FeelTypeCheckerTests
{
    [Fact]
    public void Check_UnknownName_ReportsItWithPosition()
    {
        var diagnostic = Feel.Check("total + bonus").ShouldHaveSingleItem();

        diagnostic.Message.ShouldBe("unknown name 'bonus'");
        diagnostic.Position.Column.ShouldBe(9);
    }

    [Fact]
    public void Check_NumberPlusString_NamesOperatorAndTypes() =>
        Feel.Check("a + s").ShouldHaveSingleItem().Message.ShouldBe("operator '+' cannot be applied to number and string");

    [Fact]
    public void Check_NonBooleanCondition_IsReported() =>
        Feel.Check("if a then 1 else 2").ShouldHaveSingleItem().Message.ShouldBe("the condition of 'if' must be boolean, not number");

    [Theory]
    [InlineData("abs(1, 2)", "function 'abs' takes (n), not 2 argument(s)")]
    [InlineData("abs(s)", "function 'abs' expects number or days and time duration or years and months duration for 'n', not string")]
    [InlineData("d.hours", "'hours' is not a property of date; it has year, month, day, weekday")]
    [InlineData("date(\"2018-06-30\") + 1", "operator '+' cannot be applied to date and number")]
    [InlineData("for x in 5 return x", "'x' must range over a list or a range of integers, not number")]
    [InlineData("starts with(a, \"x\")", "function 'starts with' expects string for 'string', not number")]
    [InlineData("is defined(a)", "function 'is defined' is outside the subset")]
    [InlineData("non_existing_function()", "unknown function 'non_existing_function'")]
    [InlineData("today(1)", "today() takes no arguments")]
    [InlineData("a in [\"x\"]", "a number input cannot match a test of type list<string>")]
    [InlineData("flag < true", "operator '<' cannot be applied to boolean and boolean")]
    [InlineData("a and flag", "operator 'and' cannot be applied to number and boolean")]
    [InlineData("min(a, s)", "function 'min' cannot work on items of type any")]
    public void Check_BadCall_IsReported(string text, string message) =>
        Feel.Check(text).ShouldHaveSingleItem().Message.ShouldBe(message);

    [Fact]
    public void Check_TodayWithoutAnEvaluationDate_IsReported()
    {
        var diagnostics = new List<FeelDiagnostic>();
        FeelTypeChecker.Check(FeelParser.ParseExpression("today() - @\"P2Y\""), _ => null, diagnostics);

        diagnostics.ShouldHaveSingleItem().Message.ShouldBe("today() answers the evaluation date, but no 'evaluation_date' is given here");
    }

    [Theory]
    [InlineData("a + null", FeelTypeKind.Number)]
    [InlineData("a = null", FeelTypeKind.Boolean)]
    [InlineData("anything + 1", FeelTypeKind.Any)]
    [InlineData("d - date(\"2018-01-01\")", FeelTypeKind.DaysTimeDuration)]
    [InlineData("d + duration(\"P1Y\")", FeelTypeKind.Date)]
    [InlineData("d.year", FeelTypeKind.Number)]
    [InlineData("for x in items return x * 2", FeelTypeKind.List)]
    [InlineData("every x in items satisfies x > 0", FeelTypeKind.Boolean)]
    [InlineData("{k: a}.k", FeelTypeKind.Any)]
    [InlineData("if flag then a else null", FeelTypeKind.Number)]
    [InlineData("max(items)", FeelTypeKind.Number)]
    [InlineData("[1..a]", FeelTypeKind.Range)]
    [InlineData("date(\"2018-06-30\")", FeelTypeKind.Date)]
    [InlineData("s + \"x\"", FeelTypeKind.String)]
    public void Check_NullAndAny_AreCompatibleWithEverything(string text, FeelTypeKind kind)
    {
        var diagnostics = new List<FeelDiagnostic>();

        var type = FeelTypeChecker.Check(FeelParser.ParseExpression(text), Feel.Resolve, diagnostics);

        diagnostics.ShouldBeEmpty();
        type.Kind.ShouldBe(kind);
    }

    [Fact]
    public void CheckUnaryTests_StringTestOnNumberColumn_IsReported()
    {
        var diagnostics = new List<FeelDiagnostic>();

        FeelTypeChecker.CheckUnaryTests(FeelParser.ParseUnaryTests("\"A\", < 5"), FeelType.Number, Feel.Resolve, diagnostics);

        diagnostics.ShouldHaveSingleItem().Message.ShouldBe("a number input cannot match a test of type string");
    }

    [Fact]
    public void ClrType_OfEachKind_IsTheDocumentedRepresentation()
    {
        FeelType.Number.ClrType.ShouldBe(typeof(decimal?));
        FeelType.Boolean.ClrType.ShouldBe(typeof(bool?));
        FeelType.Date.ClrType.ShouldBe(typeof(FeelDate?));
        FeelType.ListOf(FeelType.Number).ClrType.ShouldBe(typeof(IReadOnlyList<object?>));
        // A range may also be a unary test used as a value, (< 10): so an object, not FeelRange.
        FeelType.RangeOf(FeelType.Number).ClrType.ShouldBe(typeof(object));
        FeelType.Any.ClrType.ShouldBe(typeof(object));
    }
}
