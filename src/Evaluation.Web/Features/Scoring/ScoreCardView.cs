using Evaluation.Engine;

namespace Evaluation.Web.Features.Scoring;

/// <summary>A stored ScoreCard snapshot read back for a page: totals per category and per indicator, with names.</summary>
internal sealed record ScoreCardView(
    string Total,
    string Grade,
    bool Vetoed,
    IReadOnlyList<string> Vetoes,
    IReadOnlyList<string> VetoesUndecided,
    IReadOnlyList<ScoreCardView.Line> Categories,
    IReadOnlyList<ScoreCardView.Line> Indicators,
    IReadOnlyList<string> MissingInputs)
{
    internal sealed record Line(string Id, string Name, string Points, string? Max, string? Status);

    /// <summary>The snapshot's card (read by the engine's own reader), named from the catalogue it was scored on.</summary>
    public static ScoreCardView From(ScoreCardSnapshot snapshot, Rules.Model.Catalogue catalogue, bool english)
    {
        var card = ScoreCardJson.Read(snapshot.ScoreCardJson);
        var categories = card.Categories
            .Select(c => (c, Category: catalogue.Categories.FirstOrDefault(x => x.Id == c.Id)))
            .Select(x => new Line(x.c.Id, Name(x.Category?.Name, x.c.Id, english), ScoreCardJson.FormatPoints(x.c.Points),
                x.Category is null ? null : ScoreCardJson.FormatPoints(x.Category.Points), null))
            .ToList();
        var indicators = card.Indicators
            .Select(i => new Line(i.Id, Name(catalogue.Indicators.FirstOrDefault(x => x.Id == i.Id)?.Name, i.Id, english),
                ScoreCardJson.FormatPoints(i.Points), ScoreCardJson.FormatPoints(i.Max), ScoreCardJson.StatusName(i.Status)))
            .ToList();
        return new ScoreCardView(ScoreCardJson.FormatPoints(card.Total), card.Grade, card.Vetoed, card.Vetoes,
            card.VetoesUndecided, categories, indicators, card.MissingInputs);
    }

    private static string Name(Rules.Model.Text? text, string id, bool english) => text is null ? id : english ? text.En : text.Zh;
}
