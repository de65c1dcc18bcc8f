using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Review;

/// <summary>The centre's review queue: what has been submitted and what is in review.</summary>
internal sealed class IndexModel(EvaluationDbContext db) : PageModel
{
    public IReadOnlyList<(ApplicationStatus Status, int Count)> Counts { get; private set; } = [];
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Applications.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Count)).ToList();
        Queue = await db.Applications.Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview)
            .Join(db.Enterprises, a => a.EnterpriseId, e => e.Id, (a, e) => new { a, e })
            .Join(db.Campaigns, x => x.a.CampaignId, c => c.Id, (x, c) => new { x.a, x.e, c })
            .OrderBy(x => x.e.Name).Take(200)
            .Select(x => new QueueRow(x.a.Id, x.e.Name, x.c.Name, x.a.Status)).ToListAsync(cancellationToken);
    }

    internal sealed record QueueRow(Guid Id, string Enterprise, string Campaign, ApplicationStatus Status);
}
