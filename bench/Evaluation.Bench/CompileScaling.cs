using System.Diagnostics;
using System.Globalization;
using Evaluation.Engine;

namespace Evaluation.Bench;

/// <summary>
/// `--compile-scaling`: how plan compile time grows with catalogue size (generated catalogues of 8–80
/// indicators), split into metadata and the fused delegate (tree build + LambdaExpression.Compile + JIT on first call).
/// Best of 7 after one warm-up each; a Stopwatch measurement, not BenchmarkDotNet.
/// </summary>
public static class CompileScaling
{
    /// <summary>Prints one line per catalogue size.</summary>
    public static void Run()
    {
        foreach (var (categories, per) in new[] { (2, 4), (2, 10), (4, 10), (4, 20) })
        {
            var catalogue = CatalogueGenerator.Load(categories, per);
            var plan = ScoringPlan.Compile(catalogue);
            var population = DemoPopulationFor(plan);
            double meta = double.MaxValue, build = double.MaxValue, firstCall = double.MaxValue, whole = double.MaxValue;
            for (var run = 0; run < 8; run++)
            {
                // No stage cached (ADR 0014): each run compiles what a first compile does.
                var w = Stopwatch.StartNew();
                var m = new PlanMetadata(catalogue);
                var t1 = w.Elapsed.TotalMilliseconds;
                w.Restart();
                var del = PlanBuilder.Build(catalogue, m, new StageCompiler(), explain: false);
                var t2 = w.Elapsed.TotalMilliseconds;
                w.Restart();
                del(population, new EvaluationRecord(m.Shape, explain: false));
                var t3 = w.Elapsed.TotalMilliseconds;
                w.Restart();
                ScoringPlan.Compile(catalogue);
                var t4 = w.Elapsed.TotalMilliseconds;
                if (run == 0) continue;
                meta = Math.Min(meta, t1); build = Math.Min(build, t2); firstCall = Math.Min(firstCall, t3); whole = Math.Min(whole, t4);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{categories * per,3} indicators: metadata {meta,7:0.00} ms, build+Compile {build,7:0.00} ms, first call (JIT) {firstCall,7:0.00} ms; ScoringPlan.Compile {whole,7:0.00} ms"));
        }
    }

    private static FactSet DemoPopulationFor(ScoringPlan plan) => plan.Bind(new Dictionary<string, object?>(), []) ?? throw new InvalidOperationException();
}
