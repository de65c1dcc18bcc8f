using System.Diagnostics;
using System.Globalization;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Bench;

/// <summary>
/// `--compile-all`: the 16 catalogues of rules/ningbo-harmonious-enterprise/2018.1 (base, 14 variants, park)
/// compiled into plans. Run it in a fresh process: the first pass is "cold" (the loader, the FEEL compiler and
/// System.Linq.Expressions are JIT-compiled on the way); then warm passes, sequential and in parallel.
/// Issue 8's target: all 16 in under 0.5 s cold.
/// </summary>
public static class CompileAll
{
    /// <summary>Prints the cold and warm wall times.</summary>
    public static void Run(bool warmFirst = false)
    {
        var process = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var set = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
        var load = watch.Elapsed.TotalMilliseconds;
        var catalogues = All(set);
        // Diagnosis only (--warm-first): compile the demo catalogue first, so that what follows is without the JIT of
        // the compiler itself. Never the reported cold figure.
        if (warmFirst) Touch(ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base));
        var cpu = Cpu();
        var threadCpu = ThreadCpu.Milliseconds();
        long lambdaTicks = 0;
        var timed = new ScoringPlans(new StageCompiler(tree =>
        {
            var started = Stopwatch.GetTimestamp();
            var compiled = tree.Compile();
            Interlocked.Add(ref lambdaTicks, Stopwatch.GetTimestamp() - started);
            return compiled;
        }));
        watch.Restart();
        // Every plan is ready to evaluate when Compile returns (its stages are compiled eagerly); one evaluation each
        // is timed with it anyway, so that nothing compiled lazily on first use could hide here.
        foreach (var c in catalogues) Touch(timed.Compile(c));
        var cold = watch.Elapsed.TotalMilliseconds;
        var coldLambda = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref lambdaTicks)).TotalMilliseconds;
        var coldCpu = Cpu() - cpu;
        var coldThread = ThreadCpu.Milliseconds() - threadCpu;
        var sinceStart = process.Elapsed.TotalMilliseconds;
        var (compiledStages, sharedStages) = timed.Stages.Counts;
        double sequential = double.MaxValue, sequentialCpu = double.MaxValue, parallel = double.MaxValue, one = double.MaxValue, safe = double.MaxValue, cached = double.MaxValue, cachedThread = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            // Warm: the compiler is JIT-compiled, but no stage is cached (each pass compiles what a cold one does).
            var plans = new ScoringPlans();
            cpu = Cpu();
            watch.Restart();
            foreach (var c in catalogues) Touch(plans.Compile(c));
            sequential = Math.Min(sequential, watch.Elapsed.TotalMilliseconds);
            sequentialCpu = Math.Min(sequentialCpu, Cpu() - cpu);
            watch.Restart();
            threadCpu = ThreadCpu.Milliseconds();
            foreach (var c in catalogues) Touch(plans.Compile(c));
            cached = Math.Min(cached, watch.Elapsed.TotalMilliseconds);
            cachedThread = Math.Min(cachedThread, ThreadCpu.Milliseconds() - threadCpu);
            var inParallel = new ScoringPlans();
            watch.Restart();
            Parallel.ForEach(catalogues, c => Touch(inParallel.Compile(c)));
            parallel = Math.Min(parallel, watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            ScoringPlan.Compile(set.Base);
            one = Math.Min(one, watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            ScoringPlan.CompileSafe(set.Base);
            safe = Math.Min(safe, watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{catalogues.Count} catalogues ({catalogues.Sum(c => c.Indicators.Count())} indicators): cold load {load:0} ms + compile {cold:0} ms wall, {coldCpu:0} ms CPU ({coldThread:0} ms on the compiling thread), LambdaExpression.Compile {coldLambda:0} ms wall summed over threads, " +
            $"{compiledStages} stages compiled, {sharedStages} shared (process start to here {sinceStart:0} ms, runtime start-up excluded); warm compile (no stage cached), best of 5: sequential {sequential:0} ms wall, {sequentialCpu:0} ms CPU, " +
            $"parallel on {Environment.ProcessorCount} cores {parallel:0} ms; base alone {one:0.0} ms (all-nullable plan of ADR 0004: {safe:0.0} ms); all 16 again with their stages cached {cached:0.0} ms wall, {cachedThread:0.0} ms thread CPU"));
    }

    private static readonly Dictionary<string, object?> NoFacts = [];

    // One evaluation on no facts (defaults applied, everything else missing).
    private static void Touch(ScoringPlan plan) => plan.Evaluate(plan.Layout.Bind(NoFacts, [])!, null, explain: false);

    // CPU time of the whole process (JIT and GC threads included): on a shared machine it is nearer the idle wall time than the wall time is.
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    /// <summary>Base, every variant (sorted by id), park.</summary>
    public static List<Catalogue> All(CatalogueSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var all = new List<Catalogue> { set.Base };
        all.AddRange(set.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value));
        if (set.Park is { } park) all.Add(park);
        return all;
    }
}
