using System.Collections.Concurrent;
using System.Globalization;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>
/// A catalogue (with its variant and parameter values) compiled into one fused delegate. Expensive to
/// build, cheap to run, immutable and thread-safe: build it once per catalogue version and keep it —
/// <see cref="For"/> caches plans by content hash.
/// </summary>
public sealed class ScoringPlan
{
    private static readonly ConcurrentDictionary<string, Lazy<ScoringPlan>> Cache = new(StringComparer.Ordinal);

    // The same catalogue object asks again and again (a web request, a batch): skip building the key.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Catalogue, ScoringPlan> ByInstance = [];

    private readonly Action<FactSet, EvaluationRecord> _score;
    private readonly Lazy<Action<FactSet, EvaluationRecord>> _explain;

    private ScoringPlan(Catalogue catalogue)
    {
        Catalogue = catalogue;
        Metadata = new PlanMetadata(catalogue);
        _score = PlanBuilder.Build(catalogue, Metadata, explain: false);
        _explain = new(() => PlanBuilder.Build(catalogue, Metadata, explain: true));
    }

    /// <summary>The catalogue this plan scores.</summary>
    public Catalogue Catalogue { get; }

    /// <summary>Where each input lives; bind facts with it.</summary>
    public FactLayout Layout => Metadata.Layout;

    internal PlanMetadata Metadata { get; }

    /// <summary>Compiles a plan without caching (for measuring compile time).</summary>
    public static ScoringPlan Compile(Catalogue catalogue) => new(catalogue);

    /// <summary>The cached plan for this catalogue, compiled on first use.</summary>
    public static ScoringPlan For(Catalogue catalogue) =>
        ByInstance.GetValue(catalogue, c => Cache.GetOrAdd(CacheKey(c), _ => new Lazy<ScoringPlan>(() => new ScoringPlan(c))).Value);

    /// <summary>Binds raw facts (input id → value), applying defaults; null with errors when a value is wrong.</summary>
    public FactSet? Bind(IReadOnlyDictionary<string, object?> facts, List<string> errors) => Layout.Bind(facts, errors);

    /// <summary>Scores one enterprise. With <paramref name="explain"/> the record behind the explanation is kept.</summary>
    public ScoreCard Evaluate(FactSet facts, string? id = null, bool explain = true)
    {
        if (facts.Layout != Layout) throw new ArgumentException("the facts were bound for another plan", nameof(facts));
        var record = new EvaluationRecord(Metadata.Shape, explain);
        (explain ? _explain.Value : _score)(facts, record);
        return new ScoreCard(this, id, facts, record, explain);
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
        var record = new EvaluationRecord(Metadata.Shape, explain: true);
        _explain.Value(facts, record);
        return record;
    }

    private static string CacheKey(Catalogue c) =>
        c.ContentHash + "|" + c.Key + "|" + string.Join(";", c.Parameters.Select(p => $"{p.Id}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));
}
