using Evaluation.Rules.Tck;
using Xunit.Abstractions;

namespace Evaluation.Rules.Tests.Tck;

public sealed class TckRunnerTests(ITestOutputHelper output)
{
    // Raise this when more of the TCK passes; a drop means a regression.
    private const int ExpectedPassed = 246;

    [Fact]
    public void Run_SharedTck_PassesEveryInSubsetCaseAndFailsNone()
    {
        var report = TckRunner.Run(SharedTckDirectory());
        output.WriteLine(report.ToText());

        report.Failed.ShouldBe(0, report.ToText());
        report.Passed.ShouldBe(ExpectedPassed, report.ToText());
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
