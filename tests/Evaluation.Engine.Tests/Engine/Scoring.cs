using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Tests.Engine;

/// <summary>The fixture for catalogue authors: load a catalogue, feed facts, read the points.</summary>
internal static class Scoring
{
    public static Catalogue Demo => DemoSet.Base;

    public static CatalogueSet DemoSet { get; } = CatalogueLoader.LoadDirectory(Repo.Path("rules", "demo", "1.0"));

    /// <summary>The tests' plans, kept for the test run (the app keeps its own as a singleton).</summary>
    public static ScoringPlans Plans { get; } = new();

    public static ScoreCard Score(Catalogue catalogue, object facts, string id = "case")
    {
        var plan = Plans.For(catalogue);
        var errors = new List<string>();
        var bound = plan.Bind(ToDictionary(facts), errors) ?? throw new ArgumentException(string.Join("; ", errors));
        return plan.Evaluate(bound, id);
    }

    public static Dictionary<string, object?> ToDictionary(object facts) =>
        facts as Dictionary<string, object?> ??
        facts.GetType().GetProperties().ToDictionary(p => p.Name, p => Normalise(p.GetValue(facts)), StringComparer.Ordinal);

    private static object? Normalise(object? value) => value switch
    {
        int i => (decimal)i,
        double d => (decimal)d,
        _ => value,
    };

    public static IndicatorScore Indicator(this ScoreCard card, string id) => card.Indicators.Single(i => i.Id == id);

    /// <summary>A one-category catalogue around one indicator's YAML (the indicator must have 10 points).</summary>
    public static Catalogue OneIndicator(string inputs, string indicator) => CatalogueLoader.LoadText("inline.yaml", $$"""
        id: inline
        version: "1"
        title: { zh: 单指标 }
        total: 10
        levels: { excellent: 1.0, good: 0.8, fair: 0.6, poor: 0 }
        inputs:
        {{inputs}}
        categories:
          - id: only
            name: { zh: 唯一 }
            points: 10
            indicators:
              - {{indicator.ReplaceLineEndings("\n        ")}}
        grades:
          - { grade: A, when: "total >= 8" }
          - { grade: C, when: "true" }
        """);
}
