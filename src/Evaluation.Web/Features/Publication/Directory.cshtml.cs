using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public directory (结果查询): published ratings, and revoked ones marked 已撤销 with the published reason and
/// date (dynamic management); searched by name or credit code, district, industry (GB/T 4754 prefix) and grade,
/// one page at a time: a count and one joined page query whatever the page size (ratings by status and grade,
/// enterprises by credit code, district and industry are indexed). Searching one enterprise shows its rating
/// history (_RatingHistory).
/// </summary>
internal sealed class DirectoryModel(EvaluationDbContext db, Publishing publishing, DirectoryCache cache) : PageModel
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
    public DateOnly Today => publishing.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var key = string.Join('|', Q?.Trim(), District, Industry?.Trim().ToUpperInvariant(), Grade, PageNumber);
        (Total, PageNumber, Rows) = await cache.GetOrLoadAsync(key, () => LoadAsync(cancellationToken));
    }

    private async Task<(int Total, int Page, IReadOnlyList<Row> Rows)> LoadAsync(CancellationToken cancellationToken)
    {
        var query =
            from r in db.Ratings
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            join c in db.Campaigns on r.CampaignId equals c.Id
            select new { r, e, c };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            // A whole credit code is looked up by its unique index; anything else is a name search.
            if (CreditCode.TryParse(text, out var code)) query = query.Where(x => x.e.CreditCode == code.Value);
            else query = query.Where(x => x.e.Name.Contains(text));
        }
        if (District is { } d) query = query.Where(x => x.e.District == d);
        if (!string.IsNullOrWhiteSpace(Industry))
        {
            var prefix = Industry.Trim().ToUpperInvariant();
            query = query.Where(x => x.e.IndustryCode.StartsWith(prefix));
        }
        // A grade filter lists ratings that stand; a revoked rating holds no grade any more.
        if (Grade is { } g) query = query.Where(x => x.r.Grade == g && x.r.Status == RatingStatus.Published);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        // Ordered and filtered before the projection: EF cannot translate members of a record built in Select.
        var rows = await query.OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).ThenBy(x => x.r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new Row(x.e.Name, x.e.CreditCode, x.e.District, x.e.IndustryCode, x.r.Grade, x.r.ValidFrom, x.r.ValidTo, x.c.Name,
                x.r.Status, x.r.RevokedAt, x.r.RevocationReason))
            .ToListAsync(cancellationToken);
        return (total, page, rows);
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
