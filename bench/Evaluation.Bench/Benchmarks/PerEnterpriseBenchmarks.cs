using BenchmarkDotNet.Attributes;
using Evaluation.Engine;
using Evaluation.Rules.Loading;

namespace Evaluation.Bench.Benchmarks;

/// <summary>
/// Per-enterprise cost over the whole 10,000-enterprise population (each invocation scores all of it;
/// figures are per enterprise). The hand-written method is the baseline, so "Ratio" is compiled / limit.
/// </summary>
[MemoryDiagnoser]
public class PerEnterpriseBenchmarks
{
    private const int N = DemoPopulation.Size;

    private ScoringPlan _plan = null!;
    private FactSet[] _facts = null!;
    private string?[] _ids = null!;
    private HandWrittenDemo _hand = null!;
    private Action<FactSet, EvaluationRecord> _raw = null!;
    private EvaluationRecord _reused = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
        var population = DemoPopulation.Bind(_plan);
        _facts = [.. population.Select(p => p.Facts)];
        _ids = [.. population.Select(p => p.Id)];
        _hand = new HandWrittenDemo(_plan.Layout);
        _raw = PlanBuilder.Build(_plan.Catalogue, _plan.Metadata, new StageCompiler(), explain: false);
        _reused = new EvaluationRecord(_plan.Metadata.Shape, explain: false);
        var differences = DemoCrossCheck.Differences(_plan, population);
        if (differences.Count > 0) throw new InvalidOperationException("hand-written ≠ engine: " + differences[0]);
    }

    /// <summary>The limit: the demo catalogue scored by hand in C# decimal.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public decimal HandWritten()
    {
        var sum = 0m;
        foreach (var facts in _facts) sum += _hand.Score(facts).Total;
        return sum;
    }

    /// <summary>ScoringPlan.Evaluate without explanation recording: the delegate plus the ScoreCard.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public decimal Compiled()
    {
        var sum = 0m;
        for (var i = 0; i < _facts.Length; i++) sum += _plan.Evaluate(_facts[i], _ids[i], explain: false).Total;
        return sum;
    }

    /// <summary>ScoringPlan.Evaluate with explanation recording (derived values, raw results, parts, matched rows).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public decimal CompiledExplain()
    {
        var sum = 0m;
        for (var i = 0; i < _facts.Length; i++) sum += _plan.Evaluate(_facts[i], _ids[i], explain: true).Total;
        return sum;
    }

    /// <summary>Evaluate with recording and then build the Explanation object (not rendered to text).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int CompiledExplainBuilt()
    {
        var sum = 0;
        for (var i = 0; i < _facts.Length; i++) sum += _plan.Evaluate(_facts[i], _ids[i], explain: true).Explain().Indicators.Length;
        return sum;
    }

    /// <summary>The fused plan delegate alone with a fresh EvaluationRecord per enterprise (no ScoreCard).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public decimal RawDelegateNewRecord()
    {
        var sum = 0m;
        var shape = _plan.Metadata.Shape;
        foreach (var facts in _facts)
        {
            var record = new EvaluationRecord(shape, explain: false);
            _raw(facts, record);
            sum += record.Total;
        }
        return sum;
    }

    /// <summary>The fused plan delegate alone writing into one reused EvaluationRecord (no allocation by the engine itself).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public decimal RawDelegateReusedRecord()
    {
        var sum = 0m;
        foreach (var facts in _facts)
        {
            _raw(facts, _reused);
            sum += _reused.Total;
        }
        return sum;
    }
}
