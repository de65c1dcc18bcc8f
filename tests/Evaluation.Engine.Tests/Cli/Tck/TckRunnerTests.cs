using Evaluation.Cli.Tck;
using Xunit.Abstractions;

namespace Evaluation.Engine.Tests.Cli.Tck;

public sealed class TckRunnerTests(ITestOutputHelper output)
{
    // Issue 20's targets: at least 97 % of the cases passed, at most 3 % unsupported, none failed.
    [Fact]
    public void Run_SharedTck_MeetsTheConformanceTargets()
    {
        var report = TckRunner.Run(SharedTckDirectory());
        output.WriteLine(report.ToText());

        report.Cases.Count.ShouldBeGreaterThan(0);
        report.Failed.ShouldBe(0, report.ToText());
        (report.Passed * 100).ShouldBeGreaterThanOrEqualTo(report.Cases.Count * 97, report.ToText());
        (report.Unsupported * 100).ShouldBeLessThanOrEqualTo(report.Cases.Count * 3, report.ToText());
    }

    // The same targets on the upstream TCK cases not in the shared copy (vendored, ADR 0028).
    [Fact]
    public void Run_UpstreamTckOutsideTheSharedCopy_MeetsTheConformanceTargets()
    {
        var report = TckRunner.Run(UpstreamTckDirectory());
        output.WriteLine(report.ToText());

        report.Cases.Count.ShouldBe(2705);
        report.Passed.ShouldBe(2705, report.ToText());
        report.Failed.ShouldBe(0, report.ToText());
        (report.Passed * 100).ShouldBeGreaterThanOrEqualTo(report.Cases.Count * 97, report.ToText());
        (report.Unsupported * 100).ShouldBeLessThanOrEqualTo(report.Cases.Count * 3, report.ToText());
    }

    // Business knowledge models, boxed contexts, invocations, relations, lists, conditionals, filters,
    // iterators, decision services (parameters: input data, then input decisions) and item-definition
    // coercion, in one model.
    [Theory]
    [InlineData("viaInvocation", "<value xsi:type=\"xsd:decimal\">7</value>")]
    [InlineData("viaLiteral", "<value xsi:type=\"xsd:decimal\">7</value>")]
    [InlineData("boxedContext", "<value xsi:type=\"xsd:decimal\">12</value>")]
    [InlineData("relationNames", "<list><item><value>x</value></item><item><value>y</value></item></list>")]
    [InlineData("conditional", "<value>big</value>")]
    [InlineData("badCondition", "<value xsi:nil=\"true\"/>")]
    [InlineData("filtered", "<list><item><value xsi:type=\"xsd:decimal\">3</value></item></list>")]
    [InlineData("doubled", "<list><item><value xsi:type=\"xsd:decimal\">2</value></item><item><value xsi:type=\"xsd:decimal\">4</value></item></list>")]
    [InlineData("anyBig", "<value xsi:type=\"xsd:boolean\">true</value>")]
    [InlineData("callService", "<value>A B</value>")]
    [InlineData("wrongArgument", "<value xsi:nil=\"true\"/>")]
    [InlineData("notAPerson", "<value xsi:nil=\"true\"/>")]
    [InlineData("isPerson", "<value xsi:type=\"xsd:boolean\">true</value>")]
    [InlineData("priority", "<value>high</value>")]
    public void Run_BoxedExpressionsAndFunctions_AreEvaluated(string decision, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("tck-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "m.dmn"), BoxedModel);
            File.WriteAllText(Path.Combine(dir.FullName, "m-test-01.xml"), $$"""
                <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                  <testCase id="1"><inputNode name="n"><value xsi:type="xsd:decimal">5</value></inputNode>
                    <resultNode name="{{decision}}"><expected>{{expected}}</expected></resultNode></testCase>
                </testCases>
                """);

            var report = TckRunner.Run(dir.FullName);

            report.Cases.ShouldHaveSingleItem().Outcome.ShouldBe(TckOutcome.Passed, report.ToText());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // An imported model's BKM and decision; its input data come from inputs named with its namespace.
    [Fact]
    public void Run_ImportedModel_ItsElementsAreNamedByTheImport()
    {
        var dir = Directory.CreateTempSubdirectory("tck-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "lib.dmn"), """
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="lib" namespace="urn:lib">
                  <inputData name="who"><variable name="who" typeRef="string"/></inputData>
                  <decision name="hello"><variable name="hello" typeRef="string"/><literalExpression><text>"Hello, " + who</text></literalExpression></decision>
                  <businessKnowledgeModel name="shout"><variable name="shout"/>
                    <encapsulatedLogic><formalParameter name="s" typeRef="string"/><literalExpression><text>upper case(s)</text></literalExpression></encapsulatedLogic>
                  </businessKnowledgeModel>
                </definitions>
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "m.dmn"), """
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="m" namespace="urn:m">
                  <import namespace="urn:lib" name="my lib" importType="https://www.omg.org/spec/DMN/20230324/MODEL/"/>
                  <decision name="d"><variable name="d"/><literalExpression><text>my lib.shout(my lib.hello)</text></literalExpression></decision>
                </definitions>
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "m-test-01.xml"), """
                <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                  <testCase id="1"><inputNode name="who" namespace="urn:lib"><value>Ann</value></inputNode>
                    <resultNode name="d"><expected><value>HELLO, ANN</value></expected></resultNode></testCase>
                </testCases>
                """);

            var report = TckRunner.Run(dir.FullName);

            report.Cases.ShouldHaveSingleItem().Outcome.ShouldBe(TckOutcome.Passed, report.ToText());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private const string BoxedModel = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="m" namespace="urn:m">
          <itemDefinition name="tPerson"><itemComponent name="name"><typeRef>string</typeRef></itemComponent>
            <itemComponent name="age"><typeRef>number</typeRef></itemComponent></itemDefinition>
          <inputData name="n" id="i_n"><variable name="n" typeRef="number"/></inputData>
          <inputData name="first" id="i_first"><variable name="first" typeRef="string"/></inputData>
          <businessKnowledgeModel name="add two"><variable name="add two"/>
            <encapsulatedLogic><formalParameter name="x" typeRef="number"/><literalExpression><text>x + 2</text></literalExpression></encapsulatedLogic>
          </businessKnowledgeModel>
          <businessKnowledgeModel name="age of"><variable name="age of"/>
            <encapsulatedLogic><formalParameter name="p" typeRef="tPerson"/><literalExpression><text>p.age</text></literalExpression></encapsulatedLogic>
          </businessKnowledgeModel>
          <decision name="viaInvocation"><variable name="viaInvocation" typeRef="number"/>
            <invocation><literalExpression><text>add two</text></literalExpression>
              <binding><parameter name="x"/><literalExpression><text>n</text></literalExpression></binding></invocation></decision>
          <decision name="viaLiteral"><variable name="viaLiteral" typeRef="number"/><literalExpression><text>add two(n)</text></literalExpression></decision>
          <decision name="boxedContext"><variable name="boxedContext"/>
            <context>
              <contextEntry><variable name="f"/><functionDefinition><formalParameter name="y"/><literalExpression><text>y * 2</text></literalExpression></functionDefinition></contextEntry>
              <contextEntry><variable name="m n"/><literalExpression><text>n + 1</text></literalExpression></contextEntry>
              <contextEntry><literalExpression><text>f(m n)</text></literalExpression></contextEntry>
            </context></decision>
          <decision name="relationNames"><variable name="relationNames"/>
            <literalExpression><text>rows.name</text></literalExpression></decision>
          <decision name="rows"><variable name="rows"/>
            <relation><column name="name"/><column name="v"/>
              <row><literalExpression><text>"x"</text></literalExpression><literalExpression><text>1</text></literalExpression></row>
              <row><literalExpression><text>"y"</text></literalExpression><literalExpression><text>2</text></literalExpression></row>
            </relation></decision>
          <decision name="conditional"><variable name="conditional"/>
            <conditional><if><literalExpression><text>n > 3</text></literalExpression></if>
              <then><literalExpression><text>"big"</text></literalExpression></then><else><literalExpression><text>"small"</text></literalExpression></else></conditional></decision>
          <decision name="badCondition"><variable name="badCondition"/>
            <conditional><if><literalExpression><text>"yes"</text></literalExpression></if>
              <then><literalExpression><text>1</text></literalExpression></then><else><literalExpression><text>2</text></literalExpression></else></conditional></decision>
          <decision name="filtered"><variable name="filtered"/>
            <filter><in><list><literalExpression><text>1</text></literalExpression><literalExpression><text>3</text></literalExpression></list></in>
              <match><literalExpression><text>item > 2</text></literalExpression></match></filter></decision>
          <decision name="doubled"><variable name="doubled"/>
            <for iteratorVariable="i"><in><literalExpression><text>[1, 2]</text></literalExpression></in>
              <return><literalExpression><text>i * 2</text></literalExpression></return></for></decision>
          <decision name="anyBig"><variable name="anyBig"/>
            <some iteratorVariable="i"><in><literalExpression><text>[1, n]</text></literalExpression></in>
              <satisfies><literalExpression><text>i > 4</text></literalExpression></satisfies></some></decision>
          <decision name="greeting" id="d_greeting"><variable name="greeting" typeRef="string"/><literalExpression><text>first + " " + second</text></literalExpression></decision>
          <decision name="second" id="d_second"><variable name="second" typeRef="string"/><literalExpression><text>"never"</text></literalExpression></decision>
          <decisionService name="greet" id="ds_greet"><variable name="greet"/>
            <outputDecision href="#d_greeting"/><inputDecision href="#d_second"/><inputData href="#i_first"/></decisionService>
          <decision name="callService"><variable name="callService"/><literalExpression><text>greet("A", "B")</text></literalExpression></decision>
          <decision name="wrongArgument"><variable name="wrongArgument"/><literalExpression><text>add two("a")</text></literalExpression></decision>
          <decision name="notAPerson"><variable name="notAPerson"/><literalExpression><text>age of({name: "x"})</text></literalExpression></decision>
          <decision name="isPerson"><variable name="isPerson"/><literalExpression><text>{name: "x", age: 3} instance of tPerson</text></literalExpression></decision>
          <decision name="priority"><variable name="priority"/>
            <decisionTable hitPolicy="PRIORITY">
              <input><inputExpression typeRef="number"><text>n</text></inputExpression></input>
              <output name="p" typeRef="string"><outputValues><text>"high","low"</text></outputValues></output>
              <rule><inputEntry><text>&gt; 0</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
              <rule><inputEntry><text>&gt; 1</text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
            </decisionTable></decision>
        </definitions>
        """;

    [Fact]
    public void Run_CaseWithAWrongExpectation_IsFailedWithBothValues()
    {
        var dir = Directory.CreateTempSubdirectory("tck-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "m.dmn"), """
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="m">
                  <decision name="d"><variable name="d"/><literalExpression><text>date("2018-06-30") + duration("P1M")</text></literalExpression></decision>
                </definitions>
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "m-test-01.xml"), """
                <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                  <testCase id="1"><resultNode name="d"><expected><value xsi:type="xsd:date">2018-07-30</value></expected></resultNode></testCase>
                  <testCase id="2"><resultNode name="d"><expected><value xsi:type="xsd:date">2018-07-31</value></expected></resultNode></testCase>
                </testCases>
                """);

            var report = TckRunner.Run(dir.FullName);

            report.Cases.Select(c => c.Outcome).ShouldBe([TckOutcome.Passed, TckOutcome.Failed]);
            report.Cases[1].Detail.ShouldBe("expected 2018-07-31 but was 2018-07-30");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ToText_Report_EndsWithTheTotalsLine()
    {
        var report = TckRunner.Run(SharedTckDirectory());

        report.ToText().Split('\n')[^1].ShouldBe($"{report.Passed} passed, {report.Failed} failed, {report.Unsupported} unsupported");
    }

    private static string UpstreamTckDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tck-upstream");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no tests/tck-upstream above {AppContext.BaseDirectory}");
    }

    // The repository is checked out beside shared/ (/work/<worktree>, CI: <clone>/../shared), so walk up to find it.
    private static string SharedTckDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tck");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/tck above {AppContext.BaseDirectory}");
    }
}
