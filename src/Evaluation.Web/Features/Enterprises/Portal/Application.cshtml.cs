using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Enterprises.Portal;

/// <summary>One of the enterprise's applications; another enterprise's id answers 404, as if it did not exist.</summary>
internal sealed class ApplicationModel(EvaluationDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public CampaignApplication Application { get; private set; } = null!;
    public IReadOnlyList<Fact> Facts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Facts = await db.Facts.Where(f => f.EnterpriseId == Application.EnterpriseId && f.CampaignId == Application.CampaignId
            && f.SupersededById == null).OrderBy(f => f.InputId).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Application.Submit(clock.GetUtcNow().UtcDateTime);
        await db.Because("企业提交申报 / submitted by the enterprise").SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !(await authorization.AuthorizeAsync(User, application, Policies.OwnRecord)).Succeeded)
            return false;
        Application = application;
        return true;
    }
}
