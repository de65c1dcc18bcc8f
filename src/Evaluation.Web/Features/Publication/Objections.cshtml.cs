using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The centre's objection queue (异议处理): open objections first; the reviewer answers each with a decision
/// (upheld/dismissed) and a reason. An upheld objection may re-score its application at once, on the facts as
/// corrected on the review page; the answer and the new snapshot are saved together.
/// </summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class ObjectionsModel(EvaluationDbContext db, ScoringRuns scoring, TimeProvider clock, AuditActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public ObjectionStatus? Status { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    internal sealed record Row(Objection Objection, string Enterprise, string CreditCode, Guid ApplicationId, ApplicationStatus ApplicationStatus,
        string? ProposedGrade, IReadOnlyList<(Guid Id, string FileName)> Files);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAnswerAsync(Guid objectionId, string? decision, string? reason, bool rescore,
        CancellationToken cancellationToken)
    {
        var objection = await db.Objections.SingleOrDefaultAsync(o => o.Id == objectionId, cancellationToken);
        if (objection is null) return NotFound();
        if (objection.Status != ObjectionStatus.Open) return await RefuseAsync("该异议已答复 / the objection is already answered", cancellationToken);
        if (decision is not ("upheld" or "dismissed")) return await RefuseAsync("请选择处理结论 / choose upheld or dismissed", cancellationToken);
        if (string.IsNullOrWhiteSpace(reason)) return await RefuseAsync("答复须说明理由 / an answer gives its reason", cancellationToken);
        if (Shared.FreeText.Problem(reason.Trim(), 4000, "答复理由 / reason", multiline: true) is { } problem) return await RefuseAsync(problem, cancellationToken);
        var upheld = decision == "upheld";
        objection.Resolve(upheld, reason, clock.GetUtcNow().UtcDateTime, actor.Name);
        var rescored = false;
        if (upheld && rescore)
        {
            var application = await db.Applications.SingleAsync(a => a.Id == objection.ApplicationId, cancellationToken);
            try { rescored = await scoring.RescoreAsync(application, cancellationToken); }
            catch (InvalidOperationException e) { return await RefuseAsync($"无法重新评分 / cannot re-score: {e.Message}", cancellationToken); }
        }
        try { await db.Because($"异议答复 / objection {(upheld ? "upheld" : "dismissed")}: {reason.Trim()}").SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            var refused = await RefuseAsync(Review.ApplicationModel.ConflictMessage, cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return refused;
        }
        Done = upheld && rescore
            ? rescored ? "异议成立，已重新评分 / upheld and re-scored" : "异议成立；事实未变，评分不变 / upheld; facts unchanged, score unchanged"
            : "已答复 / answered";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Objections.AsQueryable();
        if (Status is { } s) query = query.Where(o => o.Status == s);
        var rows = await (from o in query
                          join a in db.Applications on o.ApplicationId equals a.Id
                          join e in db.Enterprises on a.EnterpriseId equals e.Id
                          orderby o.Status, o.RaisedAt
                          select new
                          {
                              o, e.Name, e.CreditCode, a.Id, a.Status,
                              Grade = db.ScoreCardSnapshots.Where(x => x.ApplicationId == a.Id).OrderByDescending(x => x.CreatedAt)
                                  .Select(x => x.Grade).FirstOrDefault(),
                          }).Take(200).ToListAsync(cancellationToken);
        var ids = rows.Select(r => (Guid?)r.o.Id).ToList();
        var files = (await db.EvidenceFiles.Where(f => ids.Contains(f.ObjectionId)).Select(f => new { f.ObjectionId, f.Id, f.FileName })
            .ToListAsync(cancellationToken)).ToLookup(f => f.ObjectionId!.Value);
        Rows = rows.Select(r => new Row(r.o, r.Name, r.CreditCode, r.Id, r.Status, r.Grade,
            files[r.o.Id].Select(f => (f.Id, f.FileName)).ToList())).ToList();
    }
}
