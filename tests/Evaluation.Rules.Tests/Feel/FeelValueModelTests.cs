using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

/// <summary>The DMN 1.5 value model (ADR 0022): temporal values, durations, contexts, lists, for/some/every.</summary>
public sealed class FeelValueModelTests
{
    [Theory]
    [InlineData("date(\"2018-01-31\") + duration(\"P1M\")", "2018-02-28")]
    [InlineData("date(\"2020-02-29\") + @\"P1Y\"", "2021-02-28")]
    [InlineData("date(\"2019-06-30\") - date(\"2017-06-30\")", "P730D")]
    [InlineData("date(\"2019-06-30\") - @\"P2Y\"", "2017-06-30")]
    [InlineData("date(\"-2017-12-31\")", "-2017-12-31")]
    [InlineData("date(999999999, 12, 31)", "999999999-12-31")]
    [InlineData("date(date and time(\"2017-08-14T14:25:00+02:00\"))", "2017-08-14")]
    [InlineData("date and time(\"2018-12-08T10:30:00@Europe/Paris\")", "2018-12-08T10:30:00@Europe/Paris")]
    [InlineData("date and time(\"2018-12-31T23:00:00Z\") + duration(\"PT2H\")", "2019-01-01T01:00:00Z")]
    [InlineData("time(\"23:00:00\") + duration(\"PT2H30M\")", "01:30:00")]
    [InlineData("time(11, 59, 45, duration(\"-PT2H\"))", "11:59:45-02:00")]
    [InlineData("duration(\"PT1000M\")", "PT16H40M")]
    [InlineData("duration(\"P26M\")", "P2Y2M")]
    [InlineData("years and months duration(date(\"2011-12-22\"), date(\"2013-08-24\"))", "P1Y8M")]
    [InlineData("duration(\"P2D\") / duration(\"PT12H\")", "4")]
    [InlineData("-@\"P1D\"", "-P1D")]
    [InlineData("date(\"2018-06-30\").weekday", "6")]
    [InlineData("duration(\"P1DT2H\").hours", "2")]
    [InlineData("@\"2002-04-02T12:00:00-01:00\" = @\"2002-04-02T17:00:00+04:00\"", "true")]
    [InlineData("time(\"10:30:00.0001\") = time(\"10:30:00.0002\")", "true")]
    [InlineData("date(\"2018-06-30\") = date and time(\"2018-06-30T00:00:00\")", null)]
    [InlineData("duration(\"P1Y\") = duration(\"P365D\")", null)]
    [InlineData("date(\"2018-02-30\")", null)]
    [InlineData("date(\"2018-6-30\")", null)]
    [InlineData("time(\"24:00:01\")", null)]
    [InlineData("date and time(\"2017-12-31T13:20:00+19:00\")", null)]
    public void Evaluate_Temporal_GivesTheDmnValue(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("{a: 1 + 2, b: a + 3}", "{a: 3, b: 6}")]
    [InlineData("{a: 1, a: 2}", null)]
    [InlineData("{a: {b: [1, 2]}}.a.b[2]", "2")]
    [InlineData("[{x: 1, y: 2}, {x: 2, y: 3}][x = 1].y", "[2]")]
    [InlineData("[1, 2, 3][item >= 2]", "[2, 3]")]
    [InlineData("[1, 2, 3][-1]", "3")]
    [InlineData("[1, 2, 3][0]", null)]
    [InlineData("for x in [1, 2], y in [10, 20] return x * y", "[10, 20, 20, 40]")]
    [InlineData("for i in 1..4 return if i = 1 then 1 else i * partial[-1]", "[1, 2, 6, 24]")]
    [InlineData("some x in [1, 5] satisfies x > 3", "true")]
    [InlineData("every x in [1, 5] satisfies x > 3", "false")]
    [InlineData("{f: function(a, b) a * b, r: f(3, 4)}.r", "12")]
    [InlineData("sort([3, 1, 2], function(x, y) x > y)", "[3, 2, 1]")]
    [InlineData("get entries({a: 1})", "[{key: \"a\", value: 1}]")]
    [InlineData("context put({a: 1}, \"b\", 2)", "{a: 1, b: 2}")]
    [InlineData("context merge([{a: 1}, {a: 2, b: 3}])", "{a: 2, b: 3}")]
    [InlineData("flatten([1, [2, [3]]])", "[1, 2, 3]")]
    [InlineData("union([1, 2], [2, 3])", "[1, 2, 3]")]
    [InlineData("insert before([1, 3], 2, 2)", "[1, 2, 3]")]
    [InlineData("string join([\"a\", \"b\"], \", \")", "a, b")]
    [InlineData("split(\"a1b22c\", \"[0-9]+\")", "[\"a\", \"b\", \"c\"]")]
    [InlineData("replace(\"abc\", \"(b)\", \"[$1]\")", "a[b]c")]
    [InlineData("matches(\"Abc\", \"^a\", \"i\")", "true")]
    [InlineData("substring(\"foobar\", -2, 1)", "a")]
    [InlineData("mean([1, 2, 3, 4])", "2.5")]
    [InlineData("day of week(date(\"2018-06-30\"))", "Saturday")]
    [InlineData("week of year(date(\"2021-01-03\"))", "53")]
    public void Evaluate_ContextsListsAndFunctions_GiveTheDmnValue(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Fact]
    public void Today_ReadsTheEvaluationDate_NeverTheClock()
    {
        var date = new DateOnly(2018, 12, 31);

        FeelInterpreter.ToText(Feel.Eval("today()", ("evaluation_date", date))).ShouldBe("2018-12-31");
        FeelInterpreter.ToText(Feel.Eval("now()", ("evaluation_date", date))).ShouldBe("2018-12-31T00:00:00");
        Feel.Eval("today()").ShouldBeNull();
    }

    [Fact]
    public void Compile_HostDateOnly_IsAFeelDate()
    {
        var fn = FeelCompiler.CompileDelegate(FeelParser.ParseExpression("d + duration(\"P2Y\") > date(\"2020-01-01\")"), Feel.Resolve);

        fn(name => name == "d" ? new DateOnly(2018, 6, 30) : null).ShouldBe(true);
        fn(name => name == "d" ? new DateOnly(2017, 6, 30) : null).ShouldBe(false);
    }

    [Fact]
    public void Evaluate_RecursiveFunction_IsNullBeyondTheDepthLimitInsteadOfOverflowingTheStack()
    {
        Feel.Eval("{f: function(n) if n = 0 then 0 else 1 + f(n - 1), r: f(10)}.r").ShouldBe(10m);
        Feel.Eval("{f: function(n) 1 + f(n), r: f(1)}.r").ShouldBeNull();
    }

    [Fact]
    public void Check_FunctionDefinition_IsRefusedInACatalogue() =>
        Feel.Check("(function(x) x + 1)(a)").ShouldHaveSingleItem().Message.ShouldBe(FeelTypeChecker.NoFunctionsInCatalogues);

    // The window of docs/catalogue-format.md: "within two years before the evaluation date".
    [Theory]
    [InlineData(2016, 12, 31, false)]
    [InlineData(2017, 1, 1, true)]
    [InlineData(2018, 12, 31, true)]
    [InlineData(2019, 1, 1, false)]
    public void Evaluate_TwoYearWindowBeforeTheEvaluationDate_HoldsInsideIt(int year, int month, int day, bool inside)
    {
        var values = new (string, object?)[] { ("d", new DateOnly(year, month, day)), ("evaluation_date", new DateOnly(2018, 12, 31)) };

        Feel.Eval("d in (today() - @\"P2Y\"..today()]", values).ShouldBe(inside);
        Feel.Eval("d > today() - @\"P2Y\" and d <= today()", values).ShouldBe(inside);
        Feel.Check("d in (today() - @\"P2Y\"..today()]").ShouldBeEmpty();
    }
}
