using System.Globalization;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>
/// A catalogue (with its variant and parameter values) compiled into a sequence of stage delegates (ADR 0014).
/// Expensive to build, cheap to run, immutable and thread-safe: build it once per catalogue version and keep it —
/// <see cref="ScoringPlans"/> keeps plans for as long as it lives.
/// </summary>
public sealed class ScoringPlan
{
    // The present-operand delegates run first; the all-nullable ("safe") ones only for an enterprise whose
    // numbers overflow a decimal somewhere (ADR 0009), so they are compiled on first need.
    private readonly Action<FactSet, EvaluationRecord> _score;
    private readonly Lazy<Action<FactSet, EvaluationRecord>> _explain;
    private readonly Lazy<Action<FactSet, EvaluationRecord>> _scoreSafe;
    private readonly Lazy<Action<FactSet, EvaluationRecord>> _explainSafe;
    private long _fallbacks;
    private ScoreCardJson.PlanNames? _jsonNames;

    internal ScoringPlan(Catalogue catalogue, StageCompiler compiler, bool present = true)
    {
        Catalogue = catalogue;
        Metadata = new PlanMetadata(catalogue);
        _scoreSafe = new(() => PlanBuilder.Build(catalogue, Metadata, compiler, explain: false, present: false));
        _explainSafe = new(() => PlanBuilder.Build(catalogue, Metadata, compiler, explain: true, present: false));
        _score = present ? PlanBuilder.Build(catalogue, Metadata, compiler, explain: false) : _scoreSafe.Value;
        _explain = present ? new(() => PlanBuilder.Build(catalogue, Metadata, compiler, explain: true)) : _explainSafe;
    }

    /// <summary>The catalogue this plan scores.</summary>
    public Catalogue Catalogue { get; }

    /// <summary>Where each input lives; bind facts with it.</summary>
    public FactLayout Layout => Metadata.Layout;

    internal PlanMetadata Metadata { get; }

    /// <summary>The present plan's stages (ADR 0014), for tests.</summary>
    internal StagePlan Stages => (StagePlan)_score.Target!;

    /// <summary>The plan's ids encoded for its JSON, once.</summary>
    internal ScoreCardJson.PlanNames JsonNames => _jsonNames ??= new ScoreCardJson.PlanNames(this);

    /// <summary>
    /// Compiles a plan on its own: nothing is kept and no stage is shared with any other plan. For a single catalogue
    /// (a check, a test); anything that scores many catalogues or many times keeps a <see cref="ScoringPlans"/>.
    /// </summary>
    public static ScoringPlan Compile(Catalogue catalogue) => new(catalogue, new StageCompiler());

    /// <summary>A plan with only the all-nullable delegates (tests compare it with the present-operand plan).</summary>
    internal static ScoringPlan CompileSafe(Catalogue catalogue, StageCompiler? compiler = null) =>
        new(catalogue, compiler ?? new StageCompiler(), present: false);

    /// <summary>How many evaluations of this plan overflowed on the present-operand path and were scored by the safe plan.</summary>
    internal long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Binds raw facts (input id → value), applying defaults; null with errors when a value is wrong.</summary>
    public FactSet? Bind(IReadOnlyDictionary<string, object?> facts, List<string> errors) => Layout.Bind(facts, errors);

    /// <summary>Scores one enterprise. With <paramref name="explain"/> the record behind the explanation is kept.</summary>
    public ScoreCard Evaluate(FactSet facts, string? id = null, bool explain = true)
    {
        if (facts.Layout != Layout) throw new ArgumentException("the facts were bound for another plan", nameof(facts));
        return new ScoreCard(this, id, facts, Run(facts, explain), explain);
    }

    /// <summary>Scores a population in parallel; results in input order.</summary>
    public ScoreCard[] EvaluateAll(IReadOnlyList<(string? Id, FactSet Facts)> population, bool explain = false)
    {
        var results = new ScoreCard[population.Count];
        Parallel.For(0, population.Count, i => results[i] = Evaluate(population[i].Facts, population[i].Id, explain));
        return results;
    }

    internal EvaluationRecord Replay(FactSet facts)
    {
        return Run(facts, explain: true);
    }

    private EvaluationRecord Run(FactSet facts, bool explain)
    {
        var record = new EvaluationRecord(Metadata.Shape, explain);
        try
        {
            (explain ? _explain.Value : _score)(facts, record);
            return record;
        }
        catch (OverflowException)
        {
            // A decimal overflowed where FEEL says null: score this enterprise again on the all-nullable plan, afresh.
            Interlocked.Increment(ref _fallbacks);
            record = new EvaluationRecord(Metadata.Shape, explain);
            (explain ? _explainSafe.Value : _scoreSafe.Value)(facts, record);
            return record;
        }
    }

    /// <summary>The identity of what a plan compiles: content, key and parameter values (overrides make new values).</summary>
    internal static string CacheKey(Catalogue c) =>
        c.ContentHash + "|" + c.Key + "|" + string.Join(";", c.Parameters.Select(p => $"{p.Id}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));
}
