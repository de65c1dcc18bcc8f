using System.Collections.Immutable;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Sme;

/// <summary>A module's points on a ScoreCard and whether it passed.</summary>
public sealed record ModuleResult(string Id, Text Name, decimal Points, decimal Max, bool Passed);

/// <summary>Which modules an enterprise passed and the highest level its ScoreCard supports.</summary>
public sealed record SmeAssessmentResult(ImmutableArray<ModuleResult> Modules, bool Vetoed, string Grade)
{
    /// <summary>The ids of the modules passed.</summary>
    public IEnumerable<string> Passed => Modules.Where(m => m.Passed).Select(m => m.Id);
}

/// <summary>Assesses ScoreCards against the small-enterprise scheme.</summary>
public static class SmeAssessment
{
    /// <summary>The modules of a scored enterprise (points and maxima as its ScoreCard holds them).</summary>
    public static SmeAssessmentResult Assess(SmeScheme scheme, ScoreCard card) =>
        Assess(scheme,
            card.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal),
            card.Indicators.ToDictionary(i => i.Id, i => i.Max, StringComparer.Ordinal),
            card.Vetoed, card.Grade);

    /// <summary>
    /// The modules from indicator points: a module passes when its points reach <see cref="SmeScheme.Pass"/> of
    /// its maximum and no veto fired. Indicators a variant removed count for neither.
    /// </summary>
    public static SmeAssessmentResult Assess(SmeScheme scheme, IReadOnlyDictionary<string, decimal> points, IReadOnlyDictionary<string, decimal> max, bool vetoed, string grade)
    {
        var modules = scheme.Modules.Select(m =>
        {
            var got = m.Indicators.Sum(i => points.GetValueOrDefault(i));
            var of = m.Indicators.Sum(i => max.GetValueOrDefault(i));
            return new ModuleResult(m.Id, m.Name, got, of, !vetoed && of > 0 && got >= scheme.Pass * of);
        });
        return new SmeAssessmentResult([.. modules], vetoed, grade);
    }

    /// <summary>
    /// The highest level the assessment supports (null for none); a level that needs an on-site review is
    /// reached only when the review passed. Levels are cumulative: a level needs every lower one too.
    /// </summary>
    public static SmeLevel? Attainable(SmeScheme scheme, SmeAssessmentResult result, bool onsiteReviewPassed)
    {
        if (result.Vetoed) return null;
        var passed = result.Passed.ToHashSet(StringComparer.Ordinal);
        SmeLevel? best = null;
        foreach (var level in scheme.Levels)
        {
            var met = level.Modules.All(passed.Contains)
                      && (level.ModulesAtLeast is null || passed.Count >= level.ModulesAtLeast)
                      && (level.Grades.IsEmpty || level.Grades.Contains(result.Grade))
                      && (!level.OnsiteReview || onsiteReviewPassed);
            if (!met) break;
            best = level;
        }
        return best;
    }
}
