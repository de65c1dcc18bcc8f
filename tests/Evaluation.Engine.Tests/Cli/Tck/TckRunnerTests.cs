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
