using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public directory (结果公示): published ratings, and revoked ones marked 已撤销 with the published reason and
/// date (dynamic management); searching one enterprise shows its rating history (_RatingHistory).
/// </summary>
internal sealed class DirectoryModel(EvaluationDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public District? District { get; set; }
    [BindProperty(SupportsGet = true)] public Grade? Grade { get; set; }

    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query =
            from r in db.Ratings
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            join c in db.Campaigns on r.CampaignId equals c.Id
            select new { r, e, c };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var code = Q.Trim().ToUpperInvariant();
            query = query.Where(x => x.e.Name.Contains(Q) || x.e.CreditCode == code);
        }
        if (District is { } d) query = query.Where(x => x.e.District == d);
        // A grade filter lists ratings that stand; a revoked rating holds no grade any more.
        if (Grade is { } g) query = query.Where(x => x.r.Grade == g && x.r.Status == RatingStatus.Published);
        Total = await query.CountAsync(cancellationToken);
        // Ordered and filtered before the projection: EF cannot translate members of a record built in Select.
        Rows = await query.OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).Take(100)
            .Select(x => new Row(x.e.Name, x.e.CreditCode, x.e.District, x.r.Grade, x.r.ValidFrom, x.r.ValidTo, x.c.Name,
                x.r.Status, x.r.RevokedAt, x.r.RevocationReason))
            .ToListAsync(cancellationToken);
    }

    internal sealed record Row(string Name, string CreditCode, District District, Grade Grade, DateOnly ValidFrom,
        DateOnly ValidTo, string Campaign, RatingStatus Status = RatingStatus.Published, DateTime? RevokedAt = null,
        string? RevocationReason = null);

    /// <summary>The one enterprise the search found, whose rating history the page shows; null for none or several.</summary>
    public string? SingleCreditCode => Rows.Select(r => r.CreditCode).Distinct().Count() == 1 ? Rows[0].CreditCode : null;
}
