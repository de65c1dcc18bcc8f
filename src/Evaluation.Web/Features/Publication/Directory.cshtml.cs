using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public directory (结果查询): published ratings, and revoked ones marked 已撤销 with the published reason and
/// date (dynamic management); searched by name or credit code, district, industry (GB/T 4754 prefix) and grade,
/// one page at a time. Answered from memory (<see cref="DirectorySnapshot"/>, loaded again after any rating change:
/// ADR 0017) with the counts and pages the SQL query over the same ratings gives. Searching one enterprise shows
/// its rating history (_RatingHistory), also kept per rating change.
/// </summary>
internal sealed class DirectoryModel(PublicRatings ratings, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public District? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public Grade? Grade { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RatingHistoryEntry> History { get; private set; } = [];
    public DateOnly Today => clock.NingboToday();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Total, PageNumber, Rows) = await ratings.SearchAsync(new DirectoryQuery(Q, District, Industry, Grade, PageNumber), PageSize,
            cancellationToken);
        if (SingleCreditCode is { } code) History = await ratings.HistoryAsync(code, cancellationToken);
    }

    public string PageUrl(int page)
    {
        var q = new Dictionary<string, string?>
        {
            ["q"] = Q, ["district"] = District?.ToString(), ["industry"] = Industry, ["grade"] = Grade?.ToString(),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/directory", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    internal sealed record Row(string Name, string CreditCode, District District, string IndustryCode, Grade Grade, DateOnly ValidFrom,
        DateOnly ValidTo, string Campaign, RatingStatus Status = RatingStatus.Published, DateTime? RevokedAt = null,
        string? RevocationReason = null);

    /// <summary>The one enterprise the search found, whose rating history the page shows; null for none or several.</summary>
    public string? SingleCreditCode => Rows.Select(r => r.CreditCode).Distinct().Count() == 1 ? Rows[0].CreditCode : null;
}
