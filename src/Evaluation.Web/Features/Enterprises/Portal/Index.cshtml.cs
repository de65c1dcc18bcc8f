using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Enterprises.Portal;

/// <summary>The enterprise's home: its own applications and ratings, and nothing of anyone else's.</summary>
internal sealed class IndexModel(EvaluationDbContext db) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];
    public IReadOnlyList<RatingRow> Ratings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.EnterpriseId();
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return NotFound();
        Enterprise = enterprise;
        Applications = await db.Applications.Where(a => a.EnterpriseId == enterprise.Id)
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { a, c })
            .OrderByDescending(x => x.c.Year)
            .Select(x => new ApplicationRow(x.a.Id, x.c.Name, x.c.Year, x.a.Track, x.a.Status)).ToListAsync(cancellationToken);
        Ratings = await (
                from r in db.Ratings
                join c in db.Campaigns on r.CampaignId equals c.Id
                join s in db.ScoreCardSnapshots on r.ScoreCardSnapshotId equals s.Id into snapshots
                from s in snapshots.DefaultIfEmpty()
                where r.EnterpriseId == enterprise.Id
                select new RatingRow(c.Name, r.Grade, s == null ? null : s.Total, r.ValidFrom, r.ValidTo, r.Status))
            .ToListAsync(cancellationToken);
        return Page();
    }

    internal sealed record ApplicationRow(Guid Id, string Campaign, int Year, Track Track, ApplicationStatus Status);

    internal sealed record RatingRow(string Campaign, Grade Grade, decimal? Total, DateOnly ValidFrom, DateOnly ValidTo, RatingStatus Status);
}
