using BenchmarkDotNet.Attributes;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Bench.Benchmarks;

/// <summary>
/// Plan compile time for the demo catalogue (6 indicators) and a generated 40-indicator catalogue.
/// Compile* builds a new plan every call (metadata + the stage trees + LambdaExpression.Compile of each, ADR 0014)
/// on a catalogue loaded once, with no stage cached (<see cref="ScoringPlan.Compile"/> shares nothing, else every call
/// after the first would only look its stages up); LoadAndCompile* also loads the YAML folder every call; For* is the cached lookup.
/// The first-in-process ("cold", JIT included) figure is printed by the self-check at start-up.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private Catalogue _demo = null!;
    private Catalogue _generated = null!;
    private string _generatedDir = null!;
    private readonly ScoringPlans _plans = new();

    [GlobalSetup]
    public void Setup()
    {
        _demo = CatalogueLoader.LoadDirectory(Paths.DemoRules).Base;
        _generatedDir = CatalogueGenerator.Write();
        _generated = CatalogueLoader.LoadDirectory(_generatedDir).Base;
        if (_generated.Indicators.Count() != 40) throw new InvalidOperationException("the generated catalogue should have 40 indicators");
        _plans.For(_demo);
        _plans.For(_generated);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_generatedDir, recursive: true); }
        catch (IOException) { }
    }

    [Benchmark]
    public ScoringPlan CompileDemo()
    {
        return ScoringPlan.Compile(_demo);
    }

    [Benchmark]
    public ScoringPlan CompileGenerated40()
    {
        return ScoringPlan.Compile(_generated);
    }

    [Benchmark]
    public ScoringPlan LoadAndCompileDemo()
    {
        return ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
    }

    [Benchmark]
    public ScoringPlan LoadAndCompileGenerated40()
    {
        return ScoringPlan.Compile(CatalogueLoader.LoadDirectory(_generatedDir).Base);
    }

    [Benchmark]
    public ScoringPlan ForDemoCached() => _plans.For(_demo);

    [Benchmark]
    public ScoringPlan ForGenerated40Cached() => _plans.For(_generated);
}
