using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Evaluation.Bench;
using Evaluation.Engine;
using Evaluation.Rules.Loading;

// Self-check first (hand-written = engine for all 10,000, to the cent) and the first-in-process ("cold")
// compile times; then BenchmarkDotNet with the given arguments (e.g. --filter '*' --job short).
if (args.Contains("--score-json"))
{
    ScoreJson.Run(Option("--score-json")!, explain: args.Contains("--explain"));
    return 0;
}
if (args.Contains("--zen-export"))
{
    // Writes the ZEN decision models and the shared JSON inputs (bench/zen/run.mjs reads them).
    var dir = Option("--zen-export") ?? Path.Combine(Paths.Root, "bench", "zen", "out");
    Directory.CreateDirectory(dir);
    foreach (var gas in new[] { false, true })
    {
        var zenPlan = NingboCrossCheck.Plan(gas);
        var name = gas ? "gas" : "base";
        File.WriteAllText(Path.Combine(dir, $"ningbo-{name}.jdm.json"), ZenExport.Model(zenPlan).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var raw = NingboPopulation.GenerateRaw(zenPlan.Catalogue);
        var items = raw.Select((facts, i) => new Dictionary<string, object?> { ["id"] = NingboPopulation.IdOf(i), ["variant"] = gas ? "gas" : null, ["facts"] = facts });
        File.WriteAllText(Path.Combine(dir, $"population-{name}.json"), System.Text.Json.JsonSerializer.Serialize(items));
        Console.WriteLine($"{dir}/ningbo-{name}.jdm.json, {dir}/population-{name}.json ({raw.Count} enterprises)");
    }
    return 0;
}
if (args.Contains("--nrules"))
    return NRulesCatalogue.Run(NsPerItem, Rounds());
if (args.Contains("--dump-cards"))
{
    DumpCards.Run(Option("--dump-cards")!);
    return 0;
}
if (args.Contains("--compile-all-once"))
{
    // One cold compile of the 16 catalogues and nothing else (for a JIT summary or a profiler).
    var onceSet = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
    var onceWatch = Stopwatch.StartNew();
    var oncePlans = new ScoringPlans();
    foreach (var c in CompileAll.All(onceSet)) oncePlans.Compile(c);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{onceWatch.Elapsed.TotalMilliseconds:0} ms"));
    return 0;
}
if (args.Contains("--compile-all"))
{
    CompileAll.Run(warmFirst: args.Contains("--warm-first"));
    return 0;
}
if (args.Contains("--compile-scaling"))
{
    CompileScaling.Run();
    return 0;
}
if (args.Contains("--ningbo-check"))
{
    // The hand-written Ningbo scorer against the engine, base and gas, 10,000 enterprises each.
    var failed = false;
    foreach (var gas in new[] { false, true })
    {
        var ningboPlan = NingboCrossCheck.Plan(gas);
        var ningboPopulation = NingboPopulation.Bind(ningboPlan);
        Console.WriteLine((gas ? "gas: " : "base: ") + NingboCrossCheck.Profile(ningboPlan, ningboPopulation));
        var ningboDifferences = NingboCrossCheck.Differences(ningboPlan, gas, ningboPopulation);
        foreach (var d in ningboDifferences.Take(30)) Console.Error.WriteLine("  " + d);
        Console.WriteLine($"{(gas ? "gas" : "base")}: {ningboDifferences.Count} differences between the engine and HandWrittenNingbo over {ningboPopulation.Length} enterprises");
        failed |= ningboDifferences.Count > 0;
    }
    return failed ? 1 : 0;
}
if (args.Contains("--ningbo-ratio"))
{
    // Same-process ratios on a busy machine: engine and hand-written alternate in 1 s rounds, best round of each.
    foreach (var gas in new[] { false, true })
    {
        var nPlan = NingboCrossCheck.Plan(gas);
        var nPopulation = NingboPopulation.Bind(nPlan);
        var nHand = new HandWrittenNingbo(nPlan.Layout, gas);
        var nPoints = new decimal[nHand.IndicatorCount];
        double hand = double.MaxValue, engine = double.MaxValue, explained = double.MaxValue, rawDelegate = double.MaxValue;
        var nFacts = NingboPopulation.GenerateRaw(nPlan.Catalogue);
        var bindErrors = new List<string>();
        double bindAndEvaluate = double.MaxValue;
        var nRaw = PlanBuilder.Build(nPlan.Catalogue, nPlan.Metadata, new StageCompiler(), explain: false);
        var nRecord = new EvaluationRecord(nPlan.Metadata.Shape, explain: false);
        for (var round = 0; round < Rounds(); round++)
        {
            bindAndEvaluate = Math.Min(bindAndEvaluate, NsPerItem(() => { foreach (var f in nFacts) nPlan.Evaluate(nPlan.Bind(f, bindErrors)!, null, explain: false); }, nFacts.Count));
            rawDelegate = Math.Min(rawDelegate, NsPerItem(() => { foreach (var (_, facts) in nPopulation) nRaw(facts, nRecord); }, nPopulation.Length));
            hand = Math.Min(hand, NsPerItem(() => { foreach (var (_, facts) in nPopulation) nHand.Score(facts, nPoints); }, nPopulation.Length));
            engine = Math.Min(engine, NsPerItem(() => { foreach (var (id, facts) in nPopulation) nPlan.Evaluate(facts, id, explain: false); }, nPopulation.Length));
            explained = Math.Min(explained, NsPerItem(() => { foreach (var (id, facts) in nPopulation) nPlan.Evaluate(facts, id, explain: true); }, nPopulation.Length));
        }
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (id, facts) in nPopulation) nPlan.Evaluate(facts, id, explain: false);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)nPopulation.Length;
        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (_, facts) in nPopulation) nRaw(facts, nRecord);
        var allocatedDelegate = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)nPopulation.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(gas ? "gas " : "base")}: hand-written {hand:0} ns, engine {engine:0} ns ({engine / hand:0.00}×), with explanation {explained:0} ns ({explained / hand:0.00}×), plan delegate alone (reused record, no ScoreCard) {rawDelegate:0} ns ({rawDelegate / hand:0.00}×); Bind (raw facts → FactSet) + Evaluate {bindAndEvaluate:0} ns; allocated per Evaluate {allocated:0} B, per delegate call {allocatedDelegate:0} B"));
    }
    return 0;
}
if (args.Contains("--profile-loop"))
{
    // For a sampling profiler (perf record with DOTNET_PerfMapEnabled=1): score the demo population for ~10 s.
    var loopPlan = ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
    var loopPopulation = DemoPopulation.Bind(loopPlan);
    var clock = Stopwatch.StartNew();
    long scored = 0;
    while (clock.Elapsed.TotalSeconds < 10)
        foreach (var (id, facts) in loopPopulation) { loopPlan.Evaluate(facts, id, explain: false); scored++; }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scored} evaluations, {clock.Elapsed.TotalMilliseconds * 1e6 / scored:0} ns each"));
    return 0;
}
if (args.Contains("--profile-ningbo"))
{
    // For perf: the Ningbo base plan delegate alone (or "hand", the hand-written method) in a loop for ~10 s.
    var which = Option("--profile-ningbo") ?? "delegate";
    var pPlan = NingboCrossCheck.Plan(args.Contains("--gas"));
    var pPopulation = NingboPopulation.Bind(pPlan);
    var pHand = new HandWrittenNingbo(pPlan.Layout, args.Contains("--gas"));
    var pPoints = new decimal[pHand.IndicatorCount];
    var pRaw = PlanBuilder.Build(pPlan.Catalogue, pPlan.Metadata, new StageCompiler(), explain: false);
    var pRecord = new EvaluationRecord(pPlan.Metadata.Shape, explain: false);
    var pClock = Stopwatch.StartNew();
    long pScored = 0;
    while (pClock.Elapsed.TotalSeconds < 10)
    {
        if (which == "hand") foreach (var (_, facts) in pPopulation) pHand.Score(facts, pPoints);
        else if (which == "evaluate") foreach (var (id, facts) in pPopulation) pPlan.Evaluate(facts, id, explain: false);
        else foreach (var (_, facts) in pPopulation) pRaw(facts, pRecord);
        pScored += pPopulation.Length;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{which}: {pScored} evaluations, {pClock.Elapsed.TotalMilliseconds * 1e6 / pScored:0} ns each"));
    return 0;
}
if (args.Contains("--profile-compile"))
{
    // For perf: compile the 16 Ningbo catalogues again and again (no stage cached) for ~10 s.
    var cSet = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
    var cAll = CompileAll.All(cSet);
    var cClock = Stopwatch.StartNew();
    var cPasses = 0;
    var cPlans = new ScoringPlans();
    while (cClock.Elapsed.TotalSeconds < 10)
    {
        if (!args.Contains("--cached")) cPlans = new ScoringPlans();
        foreach (var c in cAll) cPlans.Compile(c);
        cPasses++;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cPasses} passes, {cClock.Elapsed.TotalMilliseconds / cPasses:0} ms each"));
    return 0;
}
if (args.Contains("--stage-times"))
{
    // LambdaExpression.Compile (expression compiler + JIT) of each stage of the base plan, or of all 16 catalogues'
    // distinct stages with --all: best of 5 by the thread's CPU time (warm: the compiler itself is JIT-compiled).
    var sSet = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
    // The trees as the compiler meets them: each distinct one once (the cache shares the rest), in compile order.
    var trees = new List<System.Linq.Expressions.Expression<StagePlan.Stage>>();
    var capturing = new ScoringPlans(new StageCompiler(tree => { lock (trees) trees.Add(tree); return tree.Compile(); }));
    foreach (var c in args.Contains("--all") ? CompileAll.All(sSet) : args.Contains("--generated") ? [CatalogueGenerator.Load()] : [sSet.Base]) capturing.Compile(c);
    double total = 0;
    var seen = new HashSet<string>();
    foreach (var tree in trees)
    {
        if (!seen.Add(Fingerprint.Of(tree) ?? Guid.NewGuid().ToString())) continue;
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var t0 = ThreadCpu.Milliseconds();
            tree.Compile();
            best = Math.Min(best, ThreadCpu.Milliseconds() - t0);
        }
        total += best;
        if (!args.Contains("--all")) Console.Write(string.Create(CultureInfo.InvariantCulture, $"{best:0.00} "));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{seen.Count} distinct stages: {total:0.0} ms thread CPU"));
    return 0;
}
if (args.Contains("--ratio"))
{
    // A robust ratio on a busy machine: engine and hand-written alternate in 1 s rounds; the best round of each counts.
    var ratioPlan = ScoringPlan.Compile(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
    var ratioPopulation = DemoPopulation.Bind(ratioPlan);
    var hand = new HandWrittenDemo(ratioPlan.Layout);
    double bestEngine = double.MaxValue, bestHand = double.MaxValue;
    for (var round = 0; round < 7; round++)
    {
        bestEngine = Math.Min(bestEngine, NsPerItem(() => { foreach (var (id, facts) in ratioPopulation) ratioPlan.Evaluate(facts, id, explain: false); }, ratioPopulation.Length));
        bestHand = Math.Min(bestHand, NsPerItem(() => { foreach (var (_, facts) in ratioPopulation) hand.Score(facts); }, ratioPopulation.Length));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine {bestEngine:0} ns, hand-written {bestHand:0} ns, ratio {bestEngine / bestHand:0.00}"));
    return 0;
}
var skip = args.Contains("--skip-selfcheck");
args = [.. args.Where(a => a != "--skip-selfcheck")];
if (!skip)
{
    var watch = Stopwatch.StartNew();
    var demo = CatalogueLoader.LoadDirectory(Paths.DemoRules).Base;
    var loadDemo = watch.Elapsed;
    watch.Restart();
    var plan = ScoringPlan.Compile(demo);
    var compileDemo = watch.Elapsed;
    watch.Restart();
    var generatedDir = CatalogueGenerator.Write();
    var generated = CatalogueLoader.LoadDirectory(generatedDir).Base;
    var loadGenerated = watch.Elapsed;
    watch.Restart();
    ScoringPlan.Compile(generated);
    var compileGenerated = watch.Elapsed;
    Directory.Delete(generatedDir, recursive: true);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cold (first in process, JIT included): demo load {loadDemo.TotalMilliseconds:0.0} ms + compile {compileDemo.TotalMilliseconds:0.0} ms; " +
        $"generated {generated.Indicators.Count()}-indicator load {loadGenerated.TotalMilliseconds:0.0} ms + compile {compileGenerated.TotalMilliseconds:0.0} ms"));

    var population = DemoPopulation.Bind(plan);
    Console.WriteLine("population: " + DemoCrossCheck.Profile(plan, population));
    var differences = DemoCrossCheck.Differences(plan, population);
    if (differences.Count > 0)
    {
        Console.Error.WriteLine($"self-check FAILED: {differences.Count} differences between the engine and HandWrittenDemo");
        foreach (var d in differences.Take(20)) Console.Error.WriteLine("  " + d);
        return 1;
    }
    Console.WriteLine($"self-check: HandWrittenDemo equals the engine to the cent for all {population.Length} enterprises");
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

// Rounds of the alternating ratio loops (--rounds N, default 15); each round runs each side for --round-ms (default 400).
int Rounds() => int.Parse(Option("--rounds") ?? "15", CultureInfo.InvariantCulture);

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// Per item, by the process's CPU time rather than wall time: on a machine shared with other processes the time
// this process is descheduled does not count (what remains of the contention is cache and memory-bandwidth sharing).
// --wall measures wall time instead.
double NsPerItem(Action pass, int items)
{
    var limit = double.Parse(Option("--round-ms") ?? "400", CultureInfo.InvariantCulture) / 1000;
    var wall = args.Contains("--wall");
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var passes = 0;
    while (clock.Elapsed.TotalSeconds < limit) { pass(); passes++; }
    process.Refresh();
    var elapsed = wall ? clock.Elapsed.TotalMilliseconds : (process.TotalProcessorTime - cpu).TotalMilliseconds;
    return elapsed * 1e6 / (passes * (double)items);
}
