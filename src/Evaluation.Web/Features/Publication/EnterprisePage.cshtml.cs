using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// An enterprise's public page. It leads with the newest rating's one status (<see cref="RatingStanding"/>): a revoked
/// or downgraded rating with that fact, its date and reason first; an expired one says so and has no certificate; only
/// a valid one links its certificate. Below, every rating with its status and the rating's history. For the newest
/// rating not revoked, the points per first-level category as a chart. Only category totals leave the snapshot: never
/// the facts, the indicators or the explanation. The data is loaded once per rating change (<see cref="PublicRatings"/>);
/// the statuses are worked out for today on every request, so an expiry needs no reload.
/// </summary>
internal sealed class EnterprisePageModel(PublicRatings ratings, TimeProvider clock) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<RatingStanding> Ratings { get; private set; } = [];
    public RatingStanding? Headline => Ratings.Count > 0 ? Ratings[0] : null;
    public IReadOnlyList<CategoryPoints> Categories { get; private set; } = [];
    public IReadOnlyList<RatingHistoryEntry> History { get; private set; } = [];

    /// <summary>Set when no enterprise with this code has a published rating: the page says so (404) and offers the search.</summary>
    public string? NotFoundCode { get; private set; }

    internal sealed record CategoryPoints(string Zh, string En, decimal Points, decimal Max);

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        if (await ratings.EnterprisePageAsync(creditCode, cancellationToken) is not { } data)
        {
            NotFoundCode = creditCode.Trim().ToUpperInvariant();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var today = clock.NingboToday();
        Enterprise = data.Enterprise;
        Ratings = [.. data.Ratings.Select(x => RatingStanding.Of(x.Rating, x.Campaign, data.Changes, today))];
        (Categories, History) = (data.Categories, data.History);
        return Page();
    }

    /// <summary>The category chart's data in the page's language: names, points, maxima and the two series' labels.</summary>
    public string ChartJson(string pointsLabel, string maxLabel)
    {
        var english = LocalizationExtensions.IsEnglish;
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            names = Categories.Select(c => english ? c.En : c.Zh),
            points = Categories.Select(c => c.Points),
            max = Categories.Select(c => c.Max),
            pointsLabel,
            maxLabel,
        });
    }
}
