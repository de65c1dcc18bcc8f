using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Supervision;

/// <summary>
/// One enterprise at a department's supervision desk: record an event (the types are the department's
/// veto inputs) or the supervision class, and read what the department recorded before.
/// </summary>
[Authorize(Policy = Policies.Department)]
internal sealed class EnterpriseModel(EvaluationDbContext db, SupervisionRecorder recorder) : PageModel
{
    [BindProperty] public EventForm Event { get; set; } = new();
    [BindProperty] public ClassForm Class { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Cases { get; set; }
    [BindProperty(SupportsGet = true)] public string? Fired { get; set; }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public IReadOnlyList<EventType> Types { get; private set; } = [];
    public string? ClassInput { get; private set; }
    public IReadOnlyList<SupervisionEvent> Events { get; private set; } = [];
    public IReadOnlyList<SupervisionClass> Classes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEventAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var outcome = await recorder.RecordEventsAsync(User.DepartmentId()!,
            [new EventRequest(1, CreditCode, Event.Type, Event.Value, Event.OccurredOn, Event.Note)], "部门录入：监管事件 / department event", cancellationToken);
        if (outcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        return Done(id, outcome);
    }

    public async Task<IActionResult> OnPostClassAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Class.Class is not { } grade || Class.EffectiveOn is not { } on)
        {
            ModelState.AddModelError("", "请选择分类和日期 / choose a class and a date");
            return Page();
        }
        return Done(id, await recorder.RecordClassAsync(User.DepartmentId()!, id, grade, on, Class.Note, cancellationToken));
    }

    private IActionResult Done(Guid id, RecordOutcome outcome)
    {
        if (outcome.Succeeded)
            return RedirectToPage(new { id, cases = outcome.CasesOpened.Count, fired = string.Join(",", outcome.VetoesFired) });
        foreach (var e in outcome.Errors) ModelState.AddModelError("", $"{e.Field}: {e.Message}");
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return false;
        var department = User.DepartmentId()!;
        (Id, Name, CreditCode) = (enterprise.Id, enterprise.Name, enterprise.CreditCode);
        var catalogue = await recorder.CatalogueForAsync(department, cancellationToken);
        (Types, ClassInput) = (catalogue?.EventTypes ?? [], catalogue?.ClassInput?.Id);
        Events = await db.Set<SupervisionEvent>().AsNoTracking().Where(e => e.EnterpriseId == id && e.DepartmentId == department)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.RecordedAt).ToListAsync(cancellationToken);
        Classes = await db.Set<SupervisionClass>().AsNoTracking().Where(c => c.EnterpriseId == id && c.DepartmentId == department)
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.RecordedAt).ToListAsync(cancellationToken);
        return true;
    }
}

internal sealed class EventForm
{
    public string? Type { get; set; }
    public string? Value { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public string? Note { get; set; }
}

internal sealed class ClassForm
{
    public Grade? Class { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public string? Note { get; set; }
}
