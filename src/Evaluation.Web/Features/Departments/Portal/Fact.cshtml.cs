using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Departments.Portal;

/// <summary>One supplied value with its history; another department's value answers 404.</summary>
internal sealed class FactModel(EvaluationDbContext db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<Fact> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var fact = await db.Facts.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fact is null || !(await authorization.AuthorizeAsync(User, fact, Policies.OwnRecord)).Succeeded) return NotFound();
        History = await db.Facts.Where(f => f.CampaignId == fact.CampaignId && f.EnterpriseId == fact.EnterpriseId
                && f.InputId == fact.InputId && f.DepartmentId == fact.DepartmentId)
            .OrderByDescending(f => f.SuppliedAt).ToListAsync(cancellationToken);
        return Page();
    }
}
