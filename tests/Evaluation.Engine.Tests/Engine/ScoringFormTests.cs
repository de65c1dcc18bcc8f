namespace Evaluation.Engine.Tests.Engine;

public sealed class ScoringFormTests
{
    private const string Rate = "  - { id: rate, type: decimal, source: enterprise, label: { zh: 比率 } }";
    private const string Grade = "  - { id: g, type: grade, source: enterprise, label: { zh: 等级 } }";

    [Theory]
    [InlineData(0.95, "10.00")]
    [InlineData(0.9, "5.00")]
    [InlineData(0.8999, "0.00")]
    [InlineData(0.91, "5.00")]
    public void Table_First_TakesTheFirstMatchingRowAtExactBoundaries(double rate, string points)
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: T1
            name: { zh: 表 }
            method: quantitative
            points: 10
            table: { inputs: [rate], rows: [ { when: [">= 0.95"], then: 10 }, { when: ["[0.9..0.95)"], then: 5 } ] }
            """);

        var card = Scoring.Score(catalogue, new { rate });

        ScoreCardJson.FormatPoints(card.Indicator("T1").Points).ShouldBe(points);
    }

    [Fact]
    public void Table_NoRowMatches_ScoresZeroAndRecordsNoRow()
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: T1
            name: { zh: 表 }
            method: quantitative
            points: 10
            table: { inputs: [rate], rows: [ { when: [">= 0.95"], then: 10 } ] }
            """);

        var card = Scoring.Score(catalogue, new { rate = 0.5 });

        card.Indicator("T1").Points.ShouldBe(0m);
        card.Indicator("T1").Status.ShouldBe(IndicatorStatus.Scored);
        card.Explain().Render("T1", "en").ShouldContain("no row matched");
    }

    [Fact]
    public void Table_UniqueWithTwoMatches_IsAConflictScoringZero()
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: T1
            name: { zh: 表 }
            method: quantitative
            points: 10
            table: { hit: unique, inputs: [rate], rows: [ { when: [">= 0.5"], then: 10 }, { when: ["<= 0.6"], then: 5 } ] }
            """);

        var conflict = Scoring.Score(catalogue, new { rate = 0.55 });
        var single = Scoring.Score(catalogue, new { rate = 0.7 });

        conflict.Indicator("T1").Status.ShouldBe(IndicatorStatus.Conflict);
        conflict.Indicator("T1").Points.ShouldBe(0m);
        single.Indicator("T1").Points.ShouldBe(10m);
    }

    [Theory]
    [InlineData("collect-sum", 0.55, "9.00")]
    [InlineData("collect-max", 0.55, "5.00")]
    [InlineData("collect-min", 0.55, "4.00")]
    [InlineData("collect-sum", 0.1, "4.00")]
    public void Table_CollectPolicies_AggregateEveryMatchingRow(string hit, double rate, string points)
    {
        var catalogue = Scoring.OneIndicator(Rate, $$"""
            id: T1
            name: { zh: 表 }
            method: quantitative
            points: 10
            table: { hit: {{hit}}, inputs: [rate], rows: [ { when: [">= 0.5"], then: 5 }, { when: ["<= 0.6"], then: 4 } ] }
            """);

        var card = Scoring.Score(catalogue, new { rate });

        ScoreCardJson.FormatPoints(card.Indicator("T1").Points).ShouldBe(points);
    }

    [Fact]
    public void Table_StringTestsAndNot_MatchGrades()
    {
        var catalogue = Scoring.OneIndicator(Grade, """
            id: T1
            name: { zh: 表 }
            method: semi-quantitative
            points: 10
            table: { inputs: [g], rows: [ { when: ['"A","B"'], then: 10 }, { when: ['not("D")'], then: 4 }, { when: ["-"], then: 0 } ] }
            """);

        Scoring.Score(catalogue, new { g = "B" }).Indicator("T1").Points.ShouldBe(10m);
        Scoring.Score(catalogue, new { g = "C" }).Indicator("T1").Points.ShouldBe(4m);
        Scoring.Score(catalogue, new { g = "D" }).Indicator("T1").Points.ShouldBe(0m);
    }

    [Theory]
    [InlineData(0.4, "0.00")]
    [InlineData(0.8, "6.67")]
    [InlineData(1.2, "10.00")]
    [InlineData(0.2, "0.00")]
    public void Linear_InterpolatesClampsAndRoundsHalfUp(double rate, string points)
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: X1
            name: { zh: 线性 }
            method: quantitative
            points: 10
            linear: { of: rate, zero: 0.4, full: 1.0 }
            """);

        ScoreCardJson.FormatPoints(Scoring.Score(catalogue, new { rate }).Indicator("X1").Points).ShouldBe(points);
    }

    [Fact]
    public void Linear_LowerIsBetter_WhenZeroExceedsFull()
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: X1
            name: { zh: 线性 }
            method: quantitative
            points: 10
            linear: { of: rate, zero: 0.5, full: 0.1 }
            """);

        Scoring.Score(catalogue, new { rate = 0.2 }).Indicator("X1").Points.ShouldBe(7.5m);
    }

    [Fact]
    public void Score_ResultAbovePoints_IsClampedAndSaysSo()
    {
        var catalogue = Scoring.OneIndicator(Rate, """
            id: S1
            name: { zh: 表达式 }
            method: quantitative
            points: 10
            score: rate * 20
            """);

        var card = Scoring.Score(catalogue, new { rate = 0.8 });

        card.Indicator("S1").Points.ShouldBe(10m);
        card.Indicator("S1").Status.ShouldBe(IndicatorStatus.Clamped);
        card.Explain().Render("S1", "zh").ShouldContain("截取至 [0, 10.00]");
    }

    [Fact]
    public void Deduct_FloorsAtZero()
    {
        var catalogue = Scoring.OneIndicator("  - { id: cases, type: integer, source: enterprise, default: 0, label: { zh: 案件 } }", """
            id: D1
            name: { zh: 扣分 }
            method: semi-quantitative
            points: 10
            deduct: [ { count: cases, per: 4 } ]
            """);

        Scoring.Score(catalogue, new { cases = 1 }).Indicator("D1").Points.ShouldBe(6m);
        Scoring.Score(catalogue, new { cases = 3 }).Indicator("D1").Points.ShouldBe(0m);
        Scoring.Score(catalogue, new { }).Indicator("D1").Points.ShouldBe(10m);
    }

    [Theory]
    [InlineData("excellent", "10.00")]
    [InlineData("good", "8.00")]
    [InlineData("poor", "0.00")]
    public void Levels_MultiplyPointsByTheLevelsFraction(string level, string points)
    {
        var catalogue = Scoring.OneIndicator("  - { id: lvl, type: enum, values: [excellent, good, fair, poor], source: reviewer, label: { zh: 等级 } }", """
            id: Q1
            name: { zh: 定性 }
            method: qualitative
            points: 10
            levels: { input: lvl }
            """);

        ScoreCardJson.FormatPoints(Scoring.Score(catalogue, new { lvl = level }).Indicator("Q1").Points).ShouldBe(points);
    }

    [Fact]
    public void Parts_PenaltyPartSubtractsAndTheSumIsClamped()
    {
        var catalogue = Scoring.OneIndicator(Rate + "\n  - { id: cases, type: integer, source: enterprise, default: 0, label: { zh: 案件 } }", """
            id: P1
            name: { zh: 分项 }
            method: semi-quantitative
            points: 10
            parts:
              - { id: a, name: { zh: 甲 }, points: 6, linear: { of: rate, zero: 0, full: 1 } }
              - { id: b, name: { zh: 乙 }, points: 4, score: "4" }
              - { id: pen, name: { zh: 扣分 }, points: 0, deduct: [ { count: cases, per: 3 } ] }
            """);

        Scoring.Score(catalogue, new { rate = 0.5, cases = 1 }).Indicator("P1").Points.ShouldBe(4m);
        Scoring.Score(catalogue, new { rate = 0.5, cases = 5 }).Indicator("P1").Points.ShouldBe(0m);
        Scoring.Score(catalogue, new { rate = 1.0 }).Indicator("P1").Points.ShouldBe(10m);
    }
}
