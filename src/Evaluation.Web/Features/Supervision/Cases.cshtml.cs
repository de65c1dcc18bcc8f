using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Supervision;

/// <summary>The centre's queue of dynamic-management cases (动态管理): confirm (revoke or downgrade) or dismiss, each with a reason.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class CasesModel(EvaluationDbContext db, CaseDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Done { get; set; }

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Decided { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary><paramref name="action"/> is "revoke" or a grade to downgrade to ("D").</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid caseId, string? action, string? reason, CancellationToken cancellationToken)
    {
        Grade? to = null;
        if (!string.Equals(action, "revoke", StringComparison.Ordinal))
        {
            if (!Enum.TryParse<Grade>(action, out var grade) || !Enum.IsDefined(grade))
                return await FailAsync($"action: 未知的处理方式 {action} / unknown action", cancellationToken);
            to = grade;
        }
        return await ResultAsync(await desk.ConfirmAsync(caseId, to, reason, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid caseId, string? reason, CancellationToken cancellationToken) =>
        await ResultAsync(await desk.DismissAsync(caseId, reason, cancellationToken), cancellationToken);

    private async Task<IActionResult> ResultAsync(string? error, CancellationToken cancellationToken) =>
        error is null ? RedirectToPage(new { done = true }) : await FailAsync(error, cancellationToken);

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("", error);
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await (from c in db.Set<SupervisionCase>().AsNoTracking()
                          join e in db.Enterprises on c.EnterpriseId equals e.Id
                          join r in db.Ratings on c.RatingId equals r.Id
                          join ev in db.Set<SupervisionEvent>() on c.EventId equals ev.Id
                          orderby c.OpenedAt
                          select new Row(c, e.Name, e.CreditCode, r.Grade, r.Status, r.ValidTo, ev.DepartmentId, ev.InputId, ev.Value, ev.OccurredOn, ev.Note))
            .ToListAsync(cancellationToken);
        Open = rows.Where(r => r.Case.Status == CaseStatus.Open).ToList();
        Decided = rows.Where(r => r.Case.Status != CaseStatus.Open).OrderByDescending(r => r.Case.DecidedAt).Take(50).ToList();
    }

    internal sealed record Row(SupervisionCase Case, string Enterprise, string CreditCode, Grade Grade, RatingStatus RatingStatus,
        DateOnly ValidTo, string Department, string InputId, string Value, DateOnly OccurredOn, string? Note);
}
