using System.Globalization;
using Evaluation.Engine;
using Evaluation.Rules.Documentation;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// The engine's ScoreCard for the current facts, laid out for the page and its JSON refresh: totals, each
/// category against its maximum, each indicator with its explanation, what is missing, what already vetoes,
/// and the improvement plan (points recoverable, with the rule in words).
/// </summary>
internal sealed record ProvisionalScore(decimal Total, decimal Max, string Grade, string GradeName,
    IReadOnlyList<ProvisionalScore.CategoryLine> Categories, IReadOnlyList<ProvisionalScore.IndicatorLine> Indicators,
    IReadOnlyList<ProvisionalScore.MissingLine> Missing, IReadOnlyList<string> Vetoes, IReadOnlyList<ProvisionalScore.PlanLine> Plan,
    IReadOnlyList<string> Errors)
{
    internal sealed record CategoryLine(string Id, string Name, decimal Points, decimal Max);

    internal sealed record IndicatorLine(string Id, string Category, string Name, decimal Points, decimal Max, string Status, string Explanation);

    internal sealed record MissingLine(string Id, string Label, string? Anchor);

    /// <summary>An indicator short of its maximum: the rule in words and where the enterprise stands on it now.</summary>
    internal sealed record PlanLine(string Id, string Name, decimal Recoverable, string Rule, string Now, string? Step);

    /// <summary>Scores the draft's facts, with <paramref name="unsaved"/> answers laid over the enterprise's own.</summary>
    public static ProvisionalScore For(Draft draft, IReadOnlyDictionary<string, object>? unsaved, string lang)
    {
        var errors = new List<string>();
        var card = Evaluate(draft, unsaved, errors);
        var explanation = card.Explain();
        return new ProvisionalScore(card.Total, draft.Catalogue.Total, card.Grade, card.GradeName.In(lang),
            [.. card.Categories.Select(c => new CategoryLine(c.Id, c.Name.In(lang), c.Points, c.Max))],
            [.. card.Indicators.Select(i => new IndicatorLine(i.Id, i.Category, i.Name.In(lang), i.Points, i.Max, i.Status.ToString(),
                explanation.Render(i.Id, lang).Trim()))],
            [.. card.MissingInputs.Select(id => MissingInput(draft, id, lang))],
            [.. card.Vetoes.Where(v => v.Fired == true).Select(v => $"{v.Id} {v.Name.In(lang)}")],
            [.. PlanFor(draft, explanation, lang)],
            errors);
    }

    /// <summary>The engine's ScoreCard itself: department values win over the enterprise's through <see cref="FactSelection"/>.</summary>
    public static ScoreCard Evaluate(Draft draft, IReadOnlyDictionary<string, object>? unsaved, List<string> errors)
    {
        var values = FactSelection.ForScoring(draft.Catalogue, draft.Facts, errors);
        foreach (var (id, value) in unsaved ?? new Dictionary<string, object>())
            if (draft.DepartmentValue(id) is null) values[id] = value;
        var plan = ScoringPlan.For(draft.Catalogue);
        // Stored facts were validated when saved; one the catalogue no longer reads is reported, not scored.
        var set = plan.Bind(values, errors) ?? plan.Bind(new Dictionary<string, object?>(), [])!;
        return plan.Evaluate(set, draft.Enterprise.CreditCode);
    }

    private static MissingLine MissingInput(Draft draft, string id, string lang)
    {
        var field = draft.Layout.Find(id);
        var label = draft.Catalogue.FindInput(id)?.Label.In(lang) ?? id;
        return new MissingLine(id, label, field?.Editable == true ? field.Anchor : null);
    }

    private static IEnumerable<PlanLine> PlanFor(Draft draft, Explanation explanation, string lang) =>
        explanation.Indicators.Where(e => e.Score.Max - e.Score.Points > 0)
            .OrderByDescending(e => e.Score.Max - e.Score.Points).ThenBy(e => e.Score.Id, StringComparer.Ordinal)
            .Select(e => new PlanLine(e.Score.Id, e.Score.Name.In(lang), e.Score.Max - e.Score.Points, Words(e.Indicator, lang),
                Now(e, lang), NextSteps.For(e)?.Text.In(lang)));

    // The catalogue renders rules as Markdown for its reference page; the plan shows plain text.
    private static string Words(Rules.Model.Indicator indicator, string lang) =>
        CatalogueDoc.Rule(indicator.Scoring, lang).Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal);

    /// <summary>The values the rule reads, derived ones first (a rate is what the rule compares, not its counts).</summary>
    private static string Now(IndicatorExplanation e, string lang)
    {
        var missing = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "missing" : "缺失";
        var derived = e.Derived.Select(d => $"{d.Label?.In(lang) ?? d.Id} = {Show(d.Value, missing)}");
        var facts = e.Facts.Select(f => $"{f.Label.In(lang)} = {Show(f.Value, missing)}");
        return string.Join("；", derived.Concat(facts));
    }

    private static string Show(object? value, string missing) => value switch
    {
        null => missing,
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Points(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
