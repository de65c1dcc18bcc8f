using Evaluation.Bench;

namespace Evaluation.Engine.Tests.Bench;

/// <summary>The issue-8 limit (the full 2018.1 catalogue by hand) is only a limit if it computes what the engine computes.</summary>
public sealed class HandWrittenNingboTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hand_written_ningbo_equals_the_engine_to_the_cent(bool gas)
    {
        var plan = NingboCrossCheck.Plan(gas);
        var population = NingboPopulation.Bind(plan, 2_000);
        NingboCrossCheck.Differences(plan, gas, population).ShouldBeEmpty();
    }

    [Fact]
    public void The_population_has_zero_headcounts_missing_inputs_clamping_and_vetoes()
    {
        var plan = NingboCrossCheck.Plan(gas: false);
        var population = NingboPopulation.Bind(plan, 2_000);
        var cards = population.Select(p => plan.Evaluate(p.Facts, p.Id, explain: false)).ToList();
        cards.Count(c => c.Vetoed).ShouldBeGreaterThan(0);
        cards.Select(c => c.Grade).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        cards.SelectMany(c => c.Indicators).Select(i => i.Status).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        population.Count(p => p.Facts["employees"] is 0m).ShouldBeGreaterThan(0);
        cards.Count(c => c.MissingInputs.Length > 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_wrong_hand_written_total_is_caught()
    {
        // The cross-check reports what it claims to: the base method set against the gas plan must show differences.
        var plan = NingboCrossCheck.Plan(gas: true);
        var population = NingboPopulation.Bind(plan, 300);

        var differences = NingboCrossCheck.Differences(plan, gas: false, population);

        differences.ShouldContain(d => d.Contains("total", StringComparison.Ordinal));
    }
}
