namespace Evaluation.Engine;

/// <summary>
/// A ScoreCard as its JSON holds it (<see cref="ScoreCardJson.Read"/>): what a stored snapshot says without the plan
/// or the facts behind it — totals, grade, vetoes, points per category and indicator, the inputs that were missing.
/// </summary>
/// <param name="Id">The enterprise (or case) id the card was scored for.</param>
/// <param name="Catalogue">The catalogue id.</param>
/// <param name="Version">The catalogue version.</param>
/// <param name="Variant">The industry variant id, or null for the base index.</param>
/// <param name="Total">Total points.</param>
/// <param name="Grade">The grade (A–D), or "-" when no band held.</param>
/// <param name="Vetoed">Whether any veto fired.</param>
/// <param name="Vetoes">The vetoes that fired, in catalogue order.</param>
/// <param name="VetoesUndecided">The vetoes whose condition was null (listed, not fired).</param>
/// <param name="Categories">Points per first-level indicator, in catalogue order.</param>
/// <param name="Indicators">Points, maximum and status per second-level indicator, in catalogue order.</param>
/// <param name="MissingInputs">Inputs with no value after defaults.</param>
public sealed record ScoreCardDocument(string? Id, string Catalogue, string Version, string? Variant, decimal Total, string Grade,
    bool Vetoed, IReadOnlyList<string> Vetoes, IReadOnlyList<string> VetoesUndecided,
    IReadOnlyList<ScoreCardDocument.CategoryPoints> Categories, IReadOnlyList<ScoreCardDocument.IndicatorPoints> Indicators,
    IReadOnlyList<string> MissingInputs)
{
    /// <summary>Points of one first-level indicator.</summary>
    /// <param name="Id">The category id.</param>
    /// <param name="Points">Its points.</param>
    public sealed record CategoryPoints(string Id, decimal Points);

    /// <summary>Points of one second-level indicator.</summary>
    /// <param name="Id">The indicator id.</param>
    /// <param name="Points">Its points.</param>
    /// <param name="Max">Its maximum.</param>
    /// <param name="Status">How it was scored.</param>
    public sealed record IndicatorPoints(string Id, decimal Points, decimal Max, IndicatorStatus Status);

    /// <summary>The points of a category by id, or 0 when the card has none of that id.</summary>
    public decimal CategoryPointsOf(string categoryId)
    {
        foreach (var c in Categories)
            if (string.Equals(c.Id, categoryId, StringComparison.Ordinal)) return c.Points;
        return 0m;
    }
}
