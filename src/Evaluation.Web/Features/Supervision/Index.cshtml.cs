namespace Evaluation.Web.Features.Supervision;

/// <summary>A department's supervision desk: find an enterprise, the event types its catalogue inputs give, recent events.</summary>
[Authorize(Policy = Policies.Department)]
internal sealed class IndexModel(EvaluationDbContext db, SupervisionRecorder recorder) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<EventType> Types { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, string CreditCode)> Found { get; private set; } = [];
    public IReadOnlyList<(SupervisionEvent Event, string Enterprise)> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var department = User.DepartmentId()!;
        Types = (await recorder.CatalogueForAsync(department, cancellationToken))?.EventTypes ?? [];
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var code = q.ToUpperInvariant();
            Found = (await db.Enterprises.AsNoTracking().Where(e => e.Name.Contains(q) || e.CreditCode == code)
                .OrderBy(e => e.Name).Take(50).Select(e => new { e.Id, e.Name, e.CreditCode }).ToListAsync(cancellationToken))
                .Select(e => (e.Id, e.Name, e.CreditCode)).ToList();
        }
        Recent = (await (from ev in db.Set<SupervisionEvent>().AsNoTracking()
                         join e in db.Enterprises on ev.EnterpriseId equals e.Id
                         where ev.DepartmentId == department
                         orderby ev.RecordedAt descending
                         select new { ev, e.Name }).Take(50).ToListAsync(cancellationToken))
            .Select(x => (x.ev, x.Name)).ToList();
    }
}
