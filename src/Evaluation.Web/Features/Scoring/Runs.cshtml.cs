namespace Evaluation.Web.Features.Scoring;

/// <summary>Scoring runs (批量评分): per campaign, how many applications wait to be scored; start a run; earlier runs.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class RunsModel(EvaluationDbContext db, ScoringRuns runs, AuditActor actor) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public IReadOnlyList<(ScoringRun Run, string Campaign)> Recent { get; private set; } = [];

    internal sealed record CampaignRow(Guid Id, string Name, int Accepted, int Scored);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Applications.Where(a => a.Status == ApplicationStatus.Accepted || a.Status == ApplicationStatus.Scored)
            .GroupBy(a => new { a.CampaignId, a.Status }).Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Campaigns = (await db.Campaigns.OrderByDescending(c => c.Year).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CampaignRow(c.Id, c.Name,
                counts.Where(x => x.CampaignId == c.Id && x.Status == ApplicationStatus.Accepted).Sum(x => x.Count),
                counts.Where(x => x.CampaignId == c.Id && x.Status == ApplicationStatus.Scored).Sum(x => x.Count)))
            .ToList();
        Recent = (await db.ScoringRuns.OrderByDescending(r => r.StartedAt).Take(20)
                .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r, c.Name }).ToListAsync(cancellationToken))
            .Select(x => (x.r, x.Name)).ToList();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken)) return NotFound();
        var run = await runs.StartAsync(campaignId, actor.Name, cancellationToken);
        return Redirect($"/review/scoring/runs/{run.Id}");
    }
}
