using System.Text.Json;

namespace Evaluation.Web.Features.Scoring;

/// <summary>A stored ScoreCard snapshot read back for a page: totals per category and per indicator, with names.</summary>
internal sealed record ScoreCardView(string Total, string Grade, bool Vetoed, IReadOnlyList<string> Vetoes,
    IReadOnlyList<ScoreCardView.Line> Categories, IReadOnlyList<ScoreCardView.Line> Indicators, IReadOnlyList<string> MissingInputs)
{
    internal sealed record Line(string Id, string Name, string Points, string? Max, string? Status);

    public static ScoreCardView From(ScoreCardSnapshot snapshot, Rules.Model.Catalogue catalogue, bool english)
    {
        using var json = JsonDocument.Parse(snapshot.ScoreCardJson);
        var root = json.RootElement;
        var categories = root.GetProperty("categories").EnumerateObject()
            .Select(c => new Line(c.Name, Name(catalogue.Categories.FirstOrDefault(x => x.Id == c.Name)?.Name, c.Name, english),
                c.Value.GetString()!, catalogue.Categories.FirstOrDefault(x => x.Id == c.Name)?.Points.ToString("0.00",
                    System.Globalization.CultureInfo.InvariantCulture), null))
            .ToList();
        var indicators = root.GetProperty("indicators").EnumerateObject()
            .Select(i => new Line(i.Name, Name(catalogue.Indicators.FirstOrDefault(x => x.Id == i.Name)?.Name, i.Name, english),
                i.Value.GetProperty("points").GetString()!, i.Value.GetProperty("max").GetString(), i.Value.GetProperty("status").GetString()))
            .ToList();
        return new ScoreCardView(root.GetProperty("total").GetString()!, root.GetProperty("grade").GetString()!,
            root.GetProperty("vetoed").GetBoolean(), Strings(root.GetProperty("vetoes")), categories, indicators,
            Strings(root.GetProperty("missingInputs")));
    }

    private static string Name(Rules.Model.Text? text, string id, bool english) => text is null ? id : english ? text.En : text.Zh;

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
