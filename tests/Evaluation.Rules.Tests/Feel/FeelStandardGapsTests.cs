using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tests.Feel;

/// <summary>
/// Standard FEEL that the upstream DMN TCK (outside ../shared/tck) needed: range functions, singleton lists,
/// XPath regexes, nested context put, external Java functions, typed parameters, and more (issue 20).
/// Each case runs compiled and interpreted (Feel.Eval insists they agree).
/// </summary>
public sealed class FeelStandardGapsTests
{
    [Theory]
    [InlineData("before(1, 10)", "true")]
    [InlineData("before(point: 1, range: (1..10])", "true")]
    [InlineData("before([1..5], [5..10])", "false")]
    [InlineData("before([1..5), [5..10])", "true")]
    [InlineData("after([1..5], 0)", "true")]
    [InlineData("meets([1..5], [5..10])", "true")]
    [InlineData("met by([5..10], [1..5])", "true")]
    [InlineData("overlaps([1..5], [3..8])", "true")]
    [InlineData("overlaps([1..5), [5..8])", "false")]
    [InlineData("overlaps before([1..5], [3..8])", "true")]
    [InlineData("overlaps after([3..8], [1..5])", "true")]
    [InlineData("finishes(5, [1..5])", "true")]
    [InlineData("finished by([1..5], [3..5])", "true")]
    [InlineData("includes([1..10], 5)", "true")]
    [InlineData("includes([1..10], [2..11])", "false")]
    [InlineData("during(5, [1..10])", "true")]
    [InlineData("starts(1, [1..10])", "true")]
    [InlineData("started by([1..10], [1..5])", "true")]
    [InlineData("coincides([1..2], [1..2])", "true")]
    [InlineData("coincides(1, 2)", "false")]
    [InlineData("before(1, \"a\")", null)]
    [InlineData("includes((< 10), 5)", null)]
    [InlineData("includes((< 10), 11)", "false")]
    public void RangeFunction_PointsAndRanges_FollowDmn15(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("context merge({\"a\": 1})", "{a: 1}")]
    [InlineData("context({key: \"a\", value: 1})", "{a: 1}")]
    [InlineData("context([{key: \"a\", value: 1, ignored: \"x\"}])", "{a: 1}")]
    [InlineData("string join(\"a\")", "a")]
    [InlineData("list replace(1, 1, 5)", "[5]")]
    [InlineData("upper case([\"bob\"])", "BOB")]
    public void LibraryCall_SingleValueForAList_IsASingletonList(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("context put({x: 1, y: {a: 0}}, [\"y\", \"a\"], 2)", "{x: 1, y: {a: 2}}")]
    [InlineData("context put(context: {x: 1}, keys: [\"y\", \"b\"], value: 2)", "{x: 1, y: {b: 2}}")]
    [InlineData("context put(context: {x: 1, y: {a: 0}}, key: [\"y\", \"a\"], value: 2)", null)]
    [InlineData("context put({x: 1, y: {a: 0}}, [\"y\", \"a\", \"b\"], 2)", null)]
    [InlineData("list replace([1, 2, 3], 2.5, 4)", "[1, 4, 3]")]
    [InlineData("list replace(list: [1, 2, 3], match: function(item, newItem) item = 2, newItem: 4)", "[1, 4, 3]")]
    [InlineData("list replace([2, 4], function(item) item = 2, 5)", null)]
    [InlineData("list replace([2, 4], function(item, newItem) item, 5)", null)]
    [InlineData("is(value1: 1)", "false")]
    [InlineData("range(\"[1..2]\")", "[1..2]")]
    [InlineData("range(\"[date(string(\\\"1970-01-01\\\"))..date(\\\"1970-01-02\\\")]\")", null)]
    public void LibraryCall_DmnTckEdgeCases_GiveTheDmnValue(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("matches(\"Mary\\u000DJones\", \"Mary.Jones\")", "false")]
    [InlineData("matches(\"Mary\\u000DJones\", \"Mary.Jones\", \"s\")", "true")]
    [InlineData("matches(\"hello world\", \"hello\\ sworld\", \"x\")", "true")]
    [InlineData("matches(\"hello world\", \"\\p{ IsBasicLatin}+\", \"x\")", "true")]
    [InlineData("matches(\"abcd\", \"(asd)[\\1]\")", null)]
    [InlineData("matches(\"abcd\", \"1[asd\\0]\")", null)]
    public void Matches_XPathDialect_IsTranslated(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("string length(\"\\U01F40E\")", "1")]
    [InlineData("\"\\U01F40E\" = \"🐎\"", "true")]
    [InlineData("{🐎: \"bar\"}.🐎", "bar")]
    [InlineData("(< 10).end", "10")]
    [InlineData("(< 10).start included", "false")]
    [InlineData("(>= 10).start included", "true")]
    [InlineData("(= 10).end included", "true")]
    [InlineData("@\"23:00:50@Etc/GMT\" instance of time", "true")]
    [InlineData("true in [false, 2, 3]", "false")]
    [InlineData("[1, 2, 3] in [[1, 2, 3, 4], [1, 2, 3]]", "true")]
    [InlineData("for i in @\"1980-01-01\"..@\"1980-01-03\" return i", "[1980-01-01, 1980-01-02, 1980-01-03]")]
    [InlineData("for i in @\"1980-01-03\"..@\"1980-01-01\" return i", "[1980-01-03, 1980-01-02, 1980-01-01]")]
    [InlineData("for i in 3..1 return i", "[3, 2, 1]")]
    [InlineData("for i in [3..1] return i", null)]
    [InlineData("123()", null)]
    [InlineData("\"abs\"(-1)", null)]
    public void Evaluate_ValuesAndSyntax_GiveTheDmnValue(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("(function(a: number) a + 1)(1)", "2")]
    [InlineData("(function(a: number) a)(\"foo\")", null)]
    [InlineData("(function(a: number) a)(null)", null)]
    [InlineData("(function(s: string, n: number) s)(\"x\", \"y\")", null)]
    public void FunctionDefinition_TypedParameter_IsCheckedAtEachCall(string text, string? expected) =>
        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);

    [Theory]
    [InlineData("java.lang.Math", "max(double, double)", "[123, 456]", "456")]
    [InlineData("java.lang.Math", "max(int,int)", "[123.4, 456.7]", "456")]
    [InlineData("java.lang.Math", "max(float,float)", "[123.46, 456.78]", "456.78")]
    [InlineData("java.lang.Integer", "valueOf(java.lang.String)", "[\"123\"]", "123")]
    [InlineData("java.lang.Integer", "valueOf(java.lang.String)", "[\"abc\"]", null)]
    [InlineData("java.lang.String", "valueOf(char)", "[\"a\"]", "a")]
    [InlineData("java.lang.String", "format(java.lang.String, [Ljava.lang.Object;)", "[\"foo %s\", \"bar\"]", "foo bar")]
    [InlineData("java.lang.Math", "foo(double)", "[1]", null)]
    [InlineData("java.lang.Foo", "valueOf(double)", "[1]", null)]
    [InlineData("java.lang.Math", "max(java.lang.String, java.lang.String)", "[\"1\", \"2\"]", null)]
    public void ExternalJavaFunction_KnownStaticMethods_RunOthersAreNull(string type, string signature, string args, string? expected)
    {
        var parameters = string.Join(", ", Enumerable.Range(1, args.Count(c => c == ',') + 1).Select(i => $"p{i}"));
        var text = $"{{f: function({parameters}) external {{java: {{class: \"{type}\", method signature: \"{signature}\"}}}}, r: f({args[1..^1]})}}.r";

        FeelInterpreter.ToText(Feel.Eval(text)).ShouldBe(expected);
    }

    [Fact]
    public void Parse_KnownNamesWithSymbolsDigitsAndApostrophes_AreOneName()
    {
        string[] names = ["Pre-bureau risk category", "decision A 2.1", "Student's name", "Monthly Salary"];

        var expr = FeelParser.ParseExpression("Pre-bureau risk category + decision A 2.1 + string length(Student's name) + x.Monthly Salary", names);
        FeelAnalysis.FreeNames(expr).Order(StringComparer.Ordinal).ShouldBe(["Pre-bureau risk category", "Student's name", "decision A 2.1", "x"]);
        FeelInterpreter.Evaluate(expr, n => n switch
        {
            "Pre-bureau risk category" => 1m,
            "decision A 2.1" => 2m,
            "Student's name" => "abc",
            "x" => new FeelContext([KeyValuePair.Create<string, object?>("Monthly Salary", 4m)]),
            _ => null,
        }).ShouldBe(10m);
        // Without the names the same text is arithmetic on shorter names.
        FeelAnalysis.FreeNames(FeelParser.ParseExpression("Pre-bureau")).ShouldBe(["Pre", "bureau"], ignoreOrder: true);
    }

    [Fact]
    public void Compile_CallOfAFunctionValueFromOutside_IsInvoked()
    {
        var twice = new FeelFunction(["x"], args => (decimal?)args[0] * 2);
        FeelType? Resolve(string name) => name == "twice" ? FeelType.Function : name == "n" ? FeelType.Number : null;
        object? Lookup(string name) => name == "twice" ? twice : name == "n" ? 21m : null;

        foreach (var text in new[] { "twice(n)", "twice(n) + 0", "[twice(n)][1]" })
        {
            var expr = FeelParser.ParseExpression(text);
            var diagnostics = new List<FeelDiagnostic>();
            FeelTypeChecker.Check(expr, Resolve, diagnostics);
            // Evaluated, yet reported: a catalogue may not call function values.
            diagnostics.ShouldHaveSingleItem(text).Message.ShouldBe($"'twice' is not a built-in function: {FeelTypeChecker.NoFunctionsInCatalogues}");
            FeelCompiler.CompileDelegate(expr, Resolve)(Lookup).ShouldBe(42m, text);
            FeelInterpreter.Evaluate(expr, Lookup).ShouldBe(42m, text);
        }
    }

    [Fact]
    public void BuiltinFunction_AsAValue_CallsTheBuiltin()
    {
        FeelInterpreter.BuiltinFunction("abs")!.Invoke([-3m]).ShouldBe(3m);
        FeelInterpreter.BuiltinFunction("max")!.Invoke([new object?[] { 1m, 5m }]).ShouldBe(5m);
        FeelInterpreter.BuiltinFunction("no such function").ShouldBeNull();
        FeelInterpreter.BuiltinFunction(" external").ShouldBeNull();
    }

    [Fact]
    public void FunctionWithExactArity_CalledWithTooFewArguments_IsNull()
    {
        var service = new FeelFunction(["a", "b"], args => args[0]) { ExactArity = true };

        service.Invoke([1m]).ShouldBeNull();
        service.Invoke([1m, 2m]).ShouldBe(1m);
        new FeelFunction(["a", "b"], args => args[0]).Invoke([1m]).ShouldBe(1m);
    }

    [Fact]
    public void InstanceOf_NamedTypeOfTheHost_AsksTheHost()
    {
        FeelInterpreter.NamedTypes = (type, value) => type == "tSmall" ? value is decimal d && d < 10 : null;
        try
        {
            Feel.Eval("5 instance of tSmall").ShouldBe(true);
            Feel.Eval("50 instance of tSmall").ShouldBe(false);
            Feel.Eval("5 instance of tUnknown").ShouldBeNull();
        }
        finally
        {
            FeelInterpreter.NamedTypes = null;
        }
    }
}
