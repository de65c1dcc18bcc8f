namespace Evaluation.Engine.Tests.Engine;

public sealed class NextStepTests
{
    private static IndicatorExplanation Explained(string indicator, object facts) =>
        Scoring.Score(Scoring.Demo, facts).Explain().Indicators.Single(i => i.Score.Id == indicator);

    private static readonly object Facts = new
    {
        employees = 100, contracts_signed = 90, insured = 93, wage_arrears_cases = 1, overtime_hours = 30, leave_rate = 0.9,
        culture_level = "good", credit_grade = "B",
    };

    [Fact]
    public void Table_NextBand_IsTheNearestThresholdWithItsGain()
    {
        // insurance_rate 0.93 sits in [0.9..0.95) → 10; the nearest better band is [0.95..1) → 15.
        var step = NextSteps.For(Explained("L2", Facts))!;

        step.Gain.ShouldBe(5m);
        step.Text.Zh.ShouldBe("参保率 0.93 → 0.95：+5 分");
    }

    [Fact]
    public void Linear_FullPoint_GivesTheRemainingPoints()
    {
        var step = NextSteps.For(Explained("L1", Facts))!;

        step.Gain.ShouldBe(10m);
        step.Text.En.ShouldBe("Contract rate 0.9 → 1: +10 points");
    }

    [Fact]
    public void Levels_NextLevel_AndDeduct_OneEventFewer()
    {
        NextSteps.For(Explained("C1", Facts))!.Text.Zh.ShouldBe("企业文化评定 good → excellent：+4 分");
        NextSteps.For(Explained("L3", Facts))!.Gain.ShouldBe(5m);
    }

    [Fact]
    public void FullMarks_HaveNoStep()
    {
        var full = new { employees = 10, contracts_signed = 10, insured = 10, overtime_hours = 10, leave_rate = 1, culture_level = "excellent", credit_grade = "A" };

        NextSteps.For(Explained("L2", full)).ShouldBeNull();
    }
}
