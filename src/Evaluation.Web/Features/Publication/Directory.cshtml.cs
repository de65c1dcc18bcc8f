using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>The public directory (结果公示): published, unrevoked ratings only.</summary>
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
            where r.Status == RatingStatus.Published
            select new { r, e, c };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var code = Q.Trim().ToUpperInvariant();
            query = query.Where(x => x.e.Name.Contains(Q) || x.e.CreditCode == code);
        }
        if (District is { } d) query = query.Where(x => x.e.District == d);
        if (Grade is { } g) query = query.Where(x => x.r.Grade == g);
        Total = await query.CountAsync(cancellationToken);
        // Ordered and filtered before the projection: EF cannot translate members of a record built in Select.
        Rows = await query.OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).Take(100)
            .Select(x => new Row(x.e.Name, x.e.CreditCode, x.e.District, x.r.Grade, x.r.ValidFrom, x.r.ValidTo, x.c.Name))
            .ToListAsync(cancellationToken);
    }

    internal sealed record Row(string Name, string CreditCode, District District, Grade Grade, DateOnly ValidFrom,
        DateOnly ValidTo, string Campaign);
}
