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
            select new Row(e.Name, e.CreditCode, e.District, r.Grade, r.ValidFrom, r.ValidTo, c.Name);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(r => r.Name.Contains(Q) || r.CreditCode == Q.Trim().ToUpper());
        if (District is { } d) query = query.Where(r => r.District == d);
        if (Grade is { } g) query = query.Where(r => r.Grade == g);
        Total = await query.CountAsync(cancellationToken);
        Rows = await query.OrderBy(r => r.Grade).ThenBy(r => r.Name).Take(100).ToListAsync(cancellationToken);
    }

    internal sealed record Row(string Name, string CreditCode, District District, Grade Grade, DateOnly ValidFrom,
        DateOnly ValidTo, string Campaign);
}
