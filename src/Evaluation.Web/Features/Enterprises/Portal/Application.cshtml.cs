using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Enterprises.Portal;

/// <summary>One of the enterprise's applications; another enterprise's id answers 404, as if it did not exist.</summary>
internal sealed class ApplicationModel(EvaluationDbContext db, IAuthorizationService authorization, CatalogueLibrary catalogues,
    TimeProvider clock) : PageModel
{
    public CampaignApplication Application { get; private set; } = null!;
    public IReadOnlyList<Fact> Facts { get; private set; } = [];
    public ScoreCardView? ScoreCard { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Facts = await db.Facts.Where(f => f.EnterpriseId == Application.EnterpriseId && f.CampaignId == Application.CampaignId
            && f.SupersededById == null).OrderBy(f => f.InputId).ToListAsync(cancellationToken);
        ScoreCard = await ScoreCardAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Application.Submit(clock.GetUtcNow().UtcDateTime);
        await db.Because("企业提交申报 / submitted by the enterprise").SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<ScoreCardView?> ScoreCardAsync(CancellationToken cancellationToken)
    {
        var snapshot = await db.ScoreCardSnapshots.Where(s => s.ApplicationId == Application.Id)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null) return null;
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == Application.CampaignId, cancellationToken);
        var industry = await db.Enterprises.Where(e => e.Id == Application.EnterpriseId).Select(e => e.IndustryCode)
            .SingleAsync(cancellationToken);
        var catalogue = catalogues.Get(campaign.CatalogueId, campaign.CatalogueVersion).ForIndustry(industry);
        return ScoreCardView.From(snapshot, catalogue, LocalizationExtensions.IsEnglish);
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
