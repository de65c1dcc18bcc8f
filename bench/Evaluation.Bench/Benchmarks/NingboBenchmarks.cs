using BenchmarkDotNet.Attributes;
using Evaluation.Engine;

namespace Evaluation.Bench.Benchmarks;

/// <summary>
/// Issue 8 item 1: the full Ningbo 2018.1 catalogue (39 indicators; <c>gas</c>: 42) over the 10,000-enterprise
/// population, per enterprise (each invocation scores all of it). The hand-written decimal method is the baseline.
/// </summary>
[MemoryDiagnoser]
public class NingboBenchmarks
{
    private const int N = NingboPopulation.Size;

    private ScoringPlan _plan = null!;
    private FactSet[] _facts = null!;
    private string?[] _ids = null!;
    private HandWrittenNingbo _hand = null!;
    private decimal[] _points = null!;
    private Action<FactSet, EvaluationRecord> _raw = null!;
    private EvaluationRecord _reused = null!;

    /// <summary>The base catalogue or the gas variant.</summary>
    [Params("base", "gas")]
    public string Catalogue { get; set; } = "base";

    [GlobalSetup]
    public void Setup()
    {
        var gas = Catalogue == "gas";
        _plan = NingboCrossCheck.Plan(gas);
        var population = NingboPopulation.Bind(_plan);
        _facts = [.. population.Select(p => p.Facts)];
        _ids = [.. population.Select(p => p.Id)];
        _hand = new HandWrittenNingbo(_plan.Layout, gas);
        _points = new decimal[_hand.IndicatorCount];
        _raw = PlanBuilder.Build(_plan.Catalogue, _plan.Metadata, new StageCompiler(), explain: false);
        _reused = new EvaluationRecord(_plan.Metadata.Shape, explain: false);
        var differences = NingboCrossCheck.Differences(_plan, gas, population);
        if (differences.Count > 0) throw new InvalidOperationException("hand-written ≠ engine: " + differences[0]);
    }

    /// <summary>The limit: 39 (42) indicators, categories, vetoes and grade by hand in C# decimal.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public decimal HandWritten()
    {
        var sum = 0m;
        foreach (var facts in _facts) sum += _hand.Score(facts, _points).Total;
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

    /// <summary>ScoringPlan.Evaluate with explanation recording.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public decimal CompiledExplain()
    {
        var sum = 0m;
        for (var i = 0; i < _facts.Length; i++) sum += _plan.Evaluate(_facts[i], _ids[i], explain: true).Total;
        return sum;
    }

    /// <summary>The fused plan delegate alone writing into one reused EvaluationRecord.</summary>
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
