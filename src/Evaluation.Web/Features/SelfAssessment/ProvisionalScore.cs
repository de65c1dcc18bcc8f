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

    /// <summary>
    /// Scores the draft's facts, with <paramref name="unsaved"/> answers laid over the enterprise's own; when they cannot
    /// be scored, an empty score that says why (<see cref="Errors"/>) — never a card scored on other facts.
    /// </summary>
    public static ProvisionalScore For(Draft draft, IReadOnlyDictionary<string, object>? unsaved, string lang)
    {
        var result = Evaluate(draft, unsaved);
        if (!result.IsScorable)
            return new ProvisionalScore(0m, draft.Catalogue.Total, "-", "—", [], [], [], [], [], result.Reasons) { Scorable = false };
        var card = result.Card;
        var explanation = card.Explain();
        return new ProvisionalScore(card.Total, draft.Catalogue.Total, card.Grade, card.GradeName.In(lang),
            [.. card.Categories.Select(c => new CategoryLine(c.Id, c.Name.In(lang), c.Points, c.Max))],
            [.. card.Indicators.Select(i => new IndicatorLine(i.Id, i.Category, i.Name.In(lang), i.Points, i.Max, i.Status.ToString(),
                explanation.Render(i.Id, lang).Trim()))],
            [.. card.MissingInputs.Select(id => MissingInput(draft, id, lang))],
            [.. card.Vetoes.Where(v => v.Fired == true).Select(v => $"{v.Id} {v.Name.In(lang)}")],
            [.. PlanFor(explanation, lang)],
            []);
    }

    /// <summary>False when the facts cannot be scored: then only <see cref="Errors"/> says anything.</summary>
    public bool Scorable { get; init; } = true;

    /// <summary>
    /// The engine's result through the one scoring entry point: department values win over the enterprise's
    /// (<see cref="FactSelection"/>); unsaved answers stand in for the enterprise's own current answers.
    /// </summary>
    public static ScoreResult Evaluate(Draft draft, IReadOnlyDictionary<string, object>? unsaved)
    {
        IEnumerable<IScoredFact> facts = draft.Facts;
        if (unsaved is { Count: > 0 })
        {
            var replaced = unsaved.Keys.ToHashSet(StringComparer.Ordinal);
            var at = draft.Facts.Select(f => f.SuppliedAt).DefaultIfEmpty(DateTime.MinValue).Max().AddTicks(1);
            facts = draft.Facts.Where(f => !(replaced.Contains(f.InputId) && f.Origin is Facts.FactOrigin.Enterprise or Facts.FactOrigin.Survey))
                .Concat(unsaved.Select(u => (IScoredFact)Unsaved(draft, u.Key, u.Value, at)));
        }
        return Scorer.Score(draft.CampaignCatalogue, draft.Enterprise.CreditCode, facts);
    }

    // An answer typed but not saved, as the enterprise's fact it would become.
    private static Facts.Fact Unsaved(Draft draft, string inputId, object value, DateTime at)
    {
        var origin = draft.CampaignCatalogue.Inputs.TryGetValue(inputId, out var input) && input.Source == "survey"
            ? Facts.FactOrigin.Survey : Facts.FactOrigin.Enterprise;
        return new Facts.Fact(Guid.Empty, draft.Campaign.Id, draft.Enterprise.Id, inputId, Facts.FactValue.From(SelfAssessments.Text(value)),
            origin, null, null, "unsaved", at);
    }

    private static MissingLine MissingInput(Draft draft, string id, string lang)
    {
        var field = draft.Layout.Find(id);
        var label = draft.Catalogue.FindInput(id)?.Label.In(lang) ?? id;
        return new MissingLine(id, label, field?.Editable == true ? field.Anchor : null);
    }

    /// <summary>The improvement plan: every indicator short of its maximum, most points recoverable first.</summary>
    internal static IEnumerable<PlanLine> PlanFor(Explanation explanation, string lang) =>
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
