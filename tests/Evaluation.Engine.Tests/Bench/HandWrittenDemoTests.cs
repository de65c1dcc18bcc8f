using Evaluation.Bench;
using Evaluation.Rules.Loading;

namespace Evaluation.Engine.Tests.Bench;

/// <summary>The benchmark's "limit" is only a limit if it computes what the engine computes.</summary>
public sealed class HandWrittenDemoTests
{
    private static ScoringPlan DemoPlan() => ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);

    [Fact]
    public void Hand_written_demo_equals_the_engine_to_the_cent_for_the_whole_population()
    {
        var plan = DemoPlan();
        var population = DemoPopulation.Bind(plan);
        population.Length.ShouldBe(DemoPopulation.Size);
        DemoCrossCheck.Differences(plan, population).ShouldBeEmpty();
    }

    [Fact]
    public void The_population_has_the_variety_the_benchmark_claims()
    {
        var plan = DemoPlan();
        var population = DemoPopulation.Bind(plan);
        var cards = population.Select(p => plan.Evaluate(p.Facts, p.Id, explain: false)).ToList();
        cards.Count(c => c.Vetoed).ShouldBeGreaterThan(0);
        cards.Select(c => c.Grade).Distinct().Count().ShouldBe(4);
        cards.SelectMany(c => c.Indicators).Select(i => i.Status).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        population.Count(p => p.Facts["employees"] is 0m).ShouldBeGreaterThan(0);
        population.Count(p => p.Facts.IsDefaulted("credit_grade")).ShouldBeGreaterThan(0);
        cards.Count(c => c.MissingInputs.Length > 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_population_is_deterministic()
    {
        var plan = DemoPlan();
        var a = DemoPopulation.Bind(plan, 200);
        var b = DemoPopulation.Bind(plan, 200);
        var hand = new HandWrittenDemo(plan.Layout);
        a.Select(p => hand.Score(p.Facts)).ShouldBe(b.Select(p => hand.Score(p.Facts)));
    }

    [Fact]
    public void The_generated_catalogue_has_40_indicators_and_scores()
    {
        var catalogue = CatalogueGenerator.Load();
        catalogue.Indicators.Count().ShouldBe(40);
        var plan = ScoringPlan.Compile(catalogue);
        var facts = plan.Bind(new Dictionary<string, object?>(), []).ShouldNotBeNull();
        var card = plan.Evaluate(facts, "empty", explain: true);
        card.Indicators.Length.ShouldBe(40);
        card.Explain().Indicators.Length.ShouldBe(40);
    }
}
