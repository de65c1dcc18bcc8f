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
/// an explanation of every point (<see cref="Explain"/>). The lists are built from the evaluation record on
/// first use, so a batch that reads only totals and grades pays for nothing else.
/// </summary>
public sealed class ScoreCard
{
    private static readonly Text NoGrade = new("无", "none");

    private readonly EvaluationRecord _record;
    private readonly bool _explained;
    private ImmutableArray<CategoryScore> _categories;
    private ImmutableArray<IndicatorScore> _indicators;
    private ImmutableArray<VetoResult> _vetoes;
    private ImmutableArray<string> _missing;

    internal ScoreCard(ScoringPlan plan, string? id, FactSet facts, EvaluationRecord record, bool explained)
    {
        Plan = plan;
        Id = id;
        Facts = facts;
        _record = record;
        _explained = explained;
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
    public string Grade => _record.Grade >= 0 ? Plan.Catalogue.Grades[_record.Grade].Grade : "-";

    /// <summary>The grade's name (优秀, 达标 …).</summary>
    public Text GradeName => _record.Grade >= 0 ? Plan.Catalogue.Grades[_record.Grade].Name : NoGrade;

    /// <summary>Whether any veto fired.</summary>
    public bool Vetoed => Array.IndexOf(_record.Vetoes, true) >= 0;

    /// <summary>Every first-level indicator.</summary>
    public ImmutableArray<CategoryScore> Categories =>
        _categories.IsDefault ? _categories = [.. Plan.Catalogue.Categories.Select((c, i) => new CategoryScore(c.Id, c.Name, _record.Categories[i], c.Points))] : _categories;

    /// <summary>Every second-level indicator.</summary>
    public ImmutableArray<IndicatorScore> Indicators =>
        _indicators.IsDefault ? _indicators = [.. Plan.Metadata.Indicators.Select((m, i) => new IndicatorScore(m.Indicator.Id, m.Category.Id, m.Indicator.Name,
            m.Indicator.Method, _record.Points[i], m.Indicator.Points, StatusOf(i)))] : _indicators;

    /// <summary>Every veto rule with its outcome.</summary>
    public ImmutableArray<VetoResult> Vetoes =>
        _vetoes.IsDefault ? _vetoes = [.. Plan.Catalogue.Vetoes.Select((v, i) => new VetoResult(v.Id, v.Name, v.Source, _record.Vetoes[i]))] : _vetoes;

    /// <summary>Inputs with no value after defaults.</summary>
    public ImmutableArray<string> MissingInputs =>
        _missing.IsDefault ? _missing = [.. Plan.Layout.Inputs.Where((_, i) => Facts.IsMissing(i)).Select(i => i.Id)] : _missing;

    /// <summary>The points of one indicator by its position in the catalogue (no allocation).</summary>
    public decimal PointsAt(int indicator) => _record.Points[indicator];

    // For ScoreCardJson, which writes a population without building the lists above for every card.
    internal IndicatorStatus StatusAt(int indicator) => StatusOf(indicator);

    internal decimal CategoryAt(int category) => _record.Categories[category];

    internal bool? VetoAt(int veto) => _record.Vetoes[veto];

    /// <summary>The explanation of every indicator; replays the evaluation with recording if it was scored without.</summary>
    public Explanation Explain() => new(this, _explained ? _record : Plan.Replay(Facts));

    private IndicatorStatus StatusOf(int i)
    {
        var m = Plan.Metadata.Indicators[i];
        for (var t = m.TableStart; t < m.TableStart + m.TableCount; t++)
            if (_record.Rows[t] == -1) return IndicatorStatus.Conflict;
        return (IndicatorStatus)_record.Status[i];
    }
}
