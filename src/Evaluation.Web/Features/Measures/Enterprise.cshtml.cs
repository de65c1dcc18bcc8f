using Evaluation.Web.Features.Departments;

namespace Evaluation.Web.Features.Measures;

/// <summary>The enterprise's own joint measures: those in force with their department, basis and why, and those that ended.</summary>
[Authorize(Policy = Policies.Enterprise)]
internal sealed class EnterpriseMeasuresModel(EvaluationDbContext db) : PageModel
{
    public string Enterprise { get; private set; } = "";
    public IReadOnlyList<MeasureRecord> Active { get; private set; } = [];
    public IReadOnlyList<MeasureRecord> Ended { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.EnterpriseId();
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken);
        if (enterprise is null) return NotFound();
        Enterprise = enterprise;
        var all = await db.Set<MeasureRecord>().AsNoTracking().Where(m => m.EnterpriseId == id).ToListAsync(cancellationToken);
        Active = [.. all.Where(m => m.Active).OrderBy(m => m.Kind).ThenBy(m => m.StartsOn)];
        Ended = [.. all.Where(m => !m.Active).OrderByDescending(m => m.EndedAt).Take(50)];
        return Page();
    }

    public static string DepartmentName(string id, bool en) =>
        MemberDepartments.All.FirstOrDefault(d => d.Id == id) is { } d ? en ? d.NameEn : d.NameZh : id;
}
