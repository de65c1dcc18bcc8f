using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>
/// The compiled plans of one owner, kept for the owner's lifetime: the web app holds one as a singleton, the CLI one
/// per run. A plan is compiled once per distinct catalogue (content, variant and parameter values), and plans of one
/// owner share identical stages (a variant's unchanged indicators are the base's delegates, ADR 0014). Thread-safe.
/// </summary>
/// <remarks>
/// Nothing is process-wide: two owners never share a plan or a stage, so a test or a benchmark that wants a cold start
/// makes a new instance instead of clearing a static cache.
/// </remarks>
public sealed class ScoringPlans
{
    private readonly ConcurrentDictionary<string, Lazy<ScoringPlan>> _byContent = new(StringComparer.Ordinal);

    // The same catalogue object asks again and again (a web request, a batch): skip building the content key.
    private readonly ConditionalWeakTable<Catalogue, ScoringPlan> _byInstance = [];

    /// <summary>An empty set of plans.</summary>
    public ScoringPlans() : this(new StageCompiler()) { }

    internal ScoringPlans(StageCompiler stages) => Stages = stages;

    /// <summary>The stage compiler (and cache) this owner's plans share.</summary>
    internal StageCompiler Stages { get; }

    /// <summary>The plan for this catalogue, compiled on first use and kept.</summary>
    public ScoringPlan For(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return _byInstance.GetValue(catalogue, c =>
            _byContent.GetOrAdd(ScoringPlan.CacheKey(c), _ => new Lazy<ScoringPlan>(() => new ScoringPlan(c, Stages))).Value);
    }

    /// <summary>Compiles a plan now without keeping it; its stages are shared with (and added to) this owner's.</summary>
    public ScoringPlan Compile(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return new ScoringPlan(catalogue, Stages);
    }
}
