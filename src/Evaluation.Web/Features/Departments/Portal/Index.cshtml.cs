using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Departments.Portal;

/// <summary>A department's desk: the values it has supplied, and a form for one more (bulk import comes later).</summary>
internal sealed class IndexModel(EvaluationDbContext db, DepartmentFacts facts) : PageModel
{
    [BindProperty] public FactInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public bool Recorded { get; set; }

    public string DepartmentName { get; private set; } = "";
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];
    public IReadOnlyList<FactRow> Facts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (fact, error) = await facts.RecordAsync(User.DepartmentId()!, Input.CampaignId, Input.CreditCode, Input.InputId.Trim(),
            Input.Value, string.IsNullOrWhiteSpace(Input.Reason) ? null : Input.Reason, cancellationToken);
        if (fact is not null) return RedirectToPage(new { recorded = true });
        ModelState.AddModelError("", error!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var department = User.DepartmentId();
        DepartmentName = (await db.Departments.SingleAsync(d => d.Id == department, cancellationToken)).NameZh;
        Campaigns = await db.Campaigns.OrderByDescending(c => c.Year).ToListAsync(cancellationToken);
        Facts = await db.Facts.Where(f => f.DepartmentId == department && f.SupersededById == null)
            .Join(db.Enterprises, f => f.EnterpriseId, e => e.Id, (f, e) => new { f, e })
            .OrderByDescending(x => x.f.SuppliedAt).Take(100)
            .Select(x => new FactRow(x.f.Id, x.e.Name, x.f.InputId, x.f.ValueText, x.f.SuppliedBy, x.f.SuppliedAt))
            .ToListAsync(cancellationToken);
    }

    internal sealed record FactRow(Guid Id, string Enterprise, string InputId, string Value, string SuppliedBy, DateTime SuppliedAt);
}

internal sealed class FactInput
{
    public Guid CampaignId { get; set; }
    public string CreditCode { get; set; } = "";
    public string InputId { get; set; } = "";
    public string Value { get; set; } = "";
    public string? Reason { get; set; }
}
