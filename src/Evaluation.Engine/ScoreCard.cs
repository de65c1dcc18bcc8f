using System.Collections.Immutable;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>Points of one first-level indicator.</summary>
public sealed record CategoryScore(string Id, Text Name, decimal Points, decimal Max);

/// <summary>Points of one second-level indicator, with its status.</summary>
public sealed record IndicatorScore(string Id, string Category, Text Name, IndicatorMethod Method, decimal Points, decimal Max, IndicatorStatus Status);

/// <summary>A veto rule and whether it fired; <see cref="Fired"/> is null when its condition was null (listed, not fired).</summary>
public sealed record VetoResult(string Id, Text Name, string Source, bool? Fired);

/// <summary>
/// The result of scoring one enterprise: total, grade, vetoes, categories and indicators, and on demand
/// an explanation of every point (<see cref="Explain"/>).
/// </summary>
public sealed class ScoreCard
{
    private readonly EvaluationRecord _record;
    private readonly bool _explained;

    internal ScoreCard(ScoringPlan plan, string? id, FactSet facts, EvaluationRecord record, bool explained)
    {
        Plan = plan;
        Id = id;
        Facts = facts;
        _record = record;
        _explained = explained;
        var catalogue = plan.Catalogue;
        Categories = [.. catalogue.Categories.Select((c, i) => new CategoryScore(c.Id, c.Name, record.Categories[i], c.Points))];
        Indicators = [.. plan.Metadata.Indicators.Select((m, i) => new IndicatorScore(m.Indicator.Id, m.Category.Id, m.Indicator.Name,
            m.Indicator.Method, record.Points[i], m.Indicator.Points, StatusOf(plan.Metadata, record, i)))];
        Vetoes = [.. catalogue.Vetoes.Select((v, i) => new VetoResult(v.Id, v.Name, v.Source, record.Vetoes[i]))];
        var band = record.Grade >= 0 ? catalogue.Grades[record.Grade] : null;
        Grade = band?.Grade ?? "-";
        GradeName = band?.Name ?? new Text("无", "none");
        MissingInputs = [.. plan.Layout.Inputs.Where((_, i) => facts.Get(i) is null).Select(i => i.Id)];
    }

    /// <summary>The plan that scored it.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>The enterprise (or case) id given by the caller.</summary>
    public string? Id { get; }

    /// <summary>The facts it was scored on.</summary>
    public FactSet Facts { get; }

    /// <summary>Total points, the sum of the rounded indicator points.</summary>
    public decimal Total => _record.Total;

    /// <summary>The grade of the first band that held (A–D), or "-" if none did.</summary>
    public string Grade { get; }

    /// <summary>The grade's name (优秀, 达标 …).</summary>
    public Text GradeName { get; }

    /// <summary>Whether any veto fired.</summary>
    public bool Vetoed => Vetoes.Any(v => v.Fired == true);

    /// <summary>Every first-level indicator.</summary>
    public ImmutableArray<CategoryScore> Categories { get; }

    /// <summary>Every second-level indicator.</summary>
    public ImmutableArray<IndicatorScore> Indicators { get; }

    /// <summary>Every veto rule with its outcome.</summary>
    public ImmutableArray<VetoResult> Vetoes { get; }

    /// <summary>Inputs with no value after defaults.</summary>
    public ImmutableArray<string> MissingInputs { get; }

    /// <summary>The explanation of every indicator; replays the evaluation with recording if it was scored without.</summary>
    public Explanation Explain() => new(this, _explained ? _record : Plan.Replay(Facts));

    private static IndicatorStatus StatusOf(PlanMetadata meta, EvaluationRecord record, int i)
    {
        var m = meta.Indicators[i];
        for (var t = m.TableStart; t < m.TableStart + m.TableCount; t++)
            if (record.Rows[t] == -1) return IndicatorStatus.Conflict;
        return (IndicatorStatus)record.Status[i];
    }
}
