using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// An enterprise's public page: its published ratings (revoked ones with the published reason) and, for the
/// current rating, the points per first-level category as a chart. Only category totals leave the snapshot:
/// never the facts, the indicators or the explanation. The data is loaded once per rating change
/// (<see cref="PublicRatings"/>); only the page itself is rendered per request.
/// </summary>
internal sealed class EnterprisePageModel(PublicRatings ratings, TimeProvider clock) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<(Rating Rating, string Campaign)> Ratings { get; private set; } = [];
    public Rating? Current { get; private set; }
    public IReadOnlyList<CategoryPoints> Categories { get; private set; } = [];
    public IReadOnlyList<RatingHistoryEntry> History { get; private set; } = [];
    public DateOnly Today => clock.NingboToday();

    internal sealed record CategoryPoints(string Zh, string En, decimal Points, decimal Max);

    private string _chartJson = "";

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        if (await ratings.EnterprisePageAsync(creditCode, cancellationToken) is not { } data) return NotFound();
        (Enterprise, Ratings, Current, Categories, _chartJson, History) = (data.Enterprise, data.Ratings, data.Current, data.Categories,
            data.ChartJson, data.History);
        return Page();
    }

    public string ChartJson() => _chartJson;
}
