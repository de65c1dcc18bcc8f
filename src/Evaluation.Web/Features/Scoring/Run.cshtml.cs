namespace Evaluation.Web.Features.Scoring;

/// <summary>One run's progress: the page polls <c>?handler=Progress</c>, a small JSON answer read from the persisted run.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class RunModel(EvaluationDbContext db,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public ScoringRun Run { get; private set; } = null!;
    public string Campaign { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await db.ScoringRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return NotFound();
        Run = run;
        Campaign = await db.Campaigns.Where(c => c.Id == run.CampaignId).Select(c => c.Name).SingleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await db.ScoringRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? NotFound() : new JsonResult(Progress.Of(run, l[Shared.Labels.Zh(run.Status)].Value));
    }

    /// <summary>The run's progress; <c>Status</c> is the machine's word (Running, Completed), <c>StatusLabel</c> the page's.</summary>
    internal sealed record Progress(string Status, string StatusLabel, int Total, int Done, int Percent, int Scored, int Unchanged, int Failed,
        string? LastError, DateTime StartedAt, DateTime? FinishedAt)
    {
        public static Progress Of(ScoringRun r, string label) =>
            new(r.Status.ToString(), label, r.Total, r.Done, r.Percent, r.Scored, r.Unchanged, r.Failed, r.LastError, r.StartedAt, r.FinishedAt);
    }
}
