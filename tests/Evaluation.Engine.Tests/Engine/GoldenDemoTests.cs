using System.Text.Json;

namespace Evaluation.Engine.Tests.Engine;

/// <summary>ScoreCards and explanations of the demo cases, approved by hand (see the comments in the approved files' cases).</summary>
public sealed class GoldenDemoTests
{
    private static List<ScoreCard> ScoreDemoFacts() =>
        [.. DemoFacts().Select(c => Scoring.Score(Scoring.DemoSet.Resolve(c.Variant), c.Facts, c.Id))];

    private static List<(string Id, string? Variant, Dictionary<string, object?> Facts)> DemoFacts()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("rules", "demo", "1.0", "demo-facts.json")));
        return [.. doc.RootElement.EnumerateArray().Select(item => (item.GetProperty("id").GetString()!, item.GetProperty("variant").GetString(),
            item.GetProperty("facts").EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind switch
            {
                JsonValueKind.Number => p.Value.GetDecimal(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => p.Value.GetString(),
            }))))];
    }

    [Fact]
    public void Score_DemoFacts_MatchesTheApprovedScoreCards()
    {
        // Hand check of the first case: L1 lin(0.98, 0.8, 1, 20) = 18; L2 0.96 in [0.95..1) = 15; L3 10; L4 10 + lin(0.9, 0.5, 1, 10) = 18;
        // C1 good 0.8 × 20 = 16; C2 "A" = 10; total 87 ≥ 85 and labour 61 ≥ 60: A.
        Approval.Verify(ScoreCardJson.Serialize(ScoreDemoFacts()), "tests", "Evaluation.Engine.Tests", "Golden", "demo.approved.json");
    }

    [Fact]
    public void Explain_DemoFacts_MatchesTheApprovedText()
    {
        var text = string.Join("\n", ScoreDemoFacts().SelectMany(c => new[] { c.Explain().Render("zh"), c.Explain().Render("en") }));

        Approval.Verify(text, "tests", "Evaluation.Engine.Tests", "Golden", "demo-explanations.approved.txt");
    }

    [Fact]
    public void Score_MiningVariant_ReweightsAndAddsItsIndicator()
    {
        var card = ScoreDemoFacts()[2];

        // L4: hours 32 > 30 (variant's limit) → 5, leave 10: 15 of 20, re-weighted to 15 points: 15 × 15 / 20 = 11.25.
        card.Indicator("L4").Points.ShouldBe(11.25m);
        card.Indicator("L-M1").Points.ShouldBe(6.5m);
        card.Categories.Single(c => c.Id == "labour").Max.ShouldBe(70m);
    }

    [Fact]
    public void Read_WhatSerializeWrote_GivesBackEveryFigureOfTheCard()
    {
        foreach (var card in ScoreDemoFacts())
        {
            var read = ScoreCardJson.Read(ScoreCardJson.Serialize(card));

            (read.Id, read.Catalogue, read.Version, read.Variant).ShouldBe((card.Id, card.Plan.Catalogue.Id, card.Plan.Catalogue.Version,
                card.Plan.Catalogue.Variant?.Id));
            (read.Total, read.Grade, read.Vetoed).ShouldBe((card.Total, card.Grade, card.Vetoed));
            read.Vetoes.ShouldBe(card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id));
            read.VetoesUndecided.ShouldBe(card.Vetoes.Where(v => v.Fired is null).Select(v => v.Id));
            read.Categories.ShouldBe(card.Categories.Select(c => new ScoreCardDocument.CategoryPoints(c.Id, c.Points)));
            read.Indicators.ShouldBe(card.Indicators.Select(i => new ScoreCardDocument.IndicatorPoints(i.Id, i.Points, i.Max, i.Status)));
            read.MissingInputs.ShouldBe(card.MissingInputs);
        }
    }

    [Fact]
    public void Read_AVetoLeftUndecided_ListsItAsUndecidedNotFired()
    {
        // A veto whose input has no value and no default is undecided. The shipped catalogues give every veto input a
        // default (no record means none), so the demo catalogue is taken without the one of fatal_accidents.
        var (id, _, facts) = DemoFacts()[0];
        facts.Remove("fatal_accidents");
        var demo = Scoring.Demo;
        var catalogue = demo with { Inputs = [.. demo.Inputs.Select(i => i.Id == "fatal_accidents" ? i with { Default = null } : i)] };
        // Compiled afresh: the plan cache knows a catalogue by its file's content hash, which `with` keeps.
        var plan = Scoring.Plans.Compile(catalogue);
        var card = plan.Evaluate(plan.Bind(facts, []) ?? throw new InvalidOperationException("facts did not bind"), id);

        var read = ScoreCardJson.Read(ScoreCardJson.Serialize(card));

        read.VetoesUndecided.ShouldBe(["V1"]);
        read.Vetoes.ShouldBeEmpty();
        read.Vetoed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"catalogue\": \"demo\", \"version\": \"1.0\", \"grade\": \"A\"}")]
    [InlineData("{\"catalogue\": \"demo\", \"version\": \"1.0\", \"grade\": \"A\", \"total\": \"x\"}")]
    public void Read_NoScoreCard_ThrowsFormatException(string json) =>
        Should.Throw<FormatException>(() => ScoreCardJson.Read(json));

    [Fact]
    public void Score_SameFactsTwice_GivesByteIdenticalJson()
    {
        var first = ScoreCardJson.Serialize(ScoreDemoFacts());
        var second = ScoreCardJson.Serialize(ScoreDemoFacts());

        second.ShouldBe(first);
    }

    [Fact]
    public void EvaluateAll_InParallel_EqualsOneByOne()
    {
        var plan = Scoring.Plans.For(Scoring.Demo);
        var random = new Random(7);
        var population = Enumerable.Range(0, 2000).Select(i =>
        {
            var employees = random.Next(0, 300);
            var facts = new Dictionary<string, object?>
            {
                ["employees"] = (decimal)employees,
                ["contracts_signed"] = (decimal)Math.Min(employees, random.Next(0, 300)),
                ["insured"] = random.Next(4) == 0 ? null : (decimal)Math.Min(employees, random.Next(0, 300)),
                ["wage_arrears_cases"] = (decimal)random.Next(0, 3),
                ["overtime_hours"] = (decimal)random.Next(0, 60),
                ["leave_rate"] = Math.Round((decimal)random.NextDouble(), 2),
                ["culture_level"] = new[] { "excellent", "good", "fair", "poor" }[random.Next(4)],
                ["fatal_accidents"] = random.Next(50) == 0 ? 1m : 0m,
            };
            return ((string?)$"E{i}", plan.Bind(facts, [])!);
        }).ToList();

        var parallel = plan.EvaluateAll(population);
        var sequential = population.Select(p => plan.Evaluate(p.Item2, p.Item1, explain: true)).ToList();

        ScoreCardJson.Serialize(parallel).ShouldBe(ScoreCardJson.Serialize(sequential));
        parallel.Select(c => c.Grade).Distinct().Count().ShouldBeGreaterThan(2);
    }

    [Fact]
    public void For_SameCatalogue_ReturnsTheCachedPlan()
    {
        var plans = new ScoringPlans();
        plans.For(Scoring.Demo).ShouldBeSameAs(plans.For(Scoring.Demo));
        plans.For(Scoring.DemoSet.Resolve("mining")).ShouldNotBeSameAs(plans.For(Scoring.Demo));
        new ScoringPlans().For(Scoring.Demo).ShouldNotBeSameAs(plans.For(Scoring.Demo)); // nothing process-wide
    }

    [Fact]
    public void ForIndustry_LongestPrefixSelectsTheVariant()
    {
        Scoring.DemoSet.ForIndustry("B0610").Variant!.Id.ShouldBe("mining");
        Scoring.DemoSet.ForIndustry("C1711").Variant.ShouldBeNull();
        Scoring.DemoSet.ForIndustry(null).Variant.ShouldBeNull();
    }
}
