using BenchmarkDotNet.Attributes;
using Evaluation.Engine;
using Evaluation.Rules.Loading;

namespace Evaluation.Bench.Benchmarks;

/// <summary>The whole 10,000-enterprise population: EvaluateAll (Parallel.For) against a sequential loop.</summary>
[MemoryDiagnoser]
public class PopulationBenchmarks
{
    private ScoringPlan _plan = null!;
    private (string? Id, FactSet Facts)[] _population = null!;
    private HandWrittenDemo _hand = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
        _population = DemoPopulation.Bind(_plan);
        _hand = new HandWrittenDemo(_plan.Layout);
    }

    [Benchmark(Baseline = true)]
    public ScoreCard[] Sequential()
    {
        var cards = new ScoreCard[_population.Length];
        for (var i = 0; i < cards.Length; i++) cards[i] = _plan.Evaluate(_population[i].Facts, _population[i].Id, explain: false);
        return cards;
    }

    [Benchmark]
    public ScoreCard[] EvaluateAllParallel() => _plan.EvaluateAll(_population);

    [Benchmark]
    public DemoCard[] HandWrittenSequential()
    {
        var cards = new DemoCard[_population.Length];
        for (var i = 0; i < cards.Length; i++) cards[i] = _hand.Score(_population[i].Facts);
        return cards;
    }
}
