using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Enterprises.Portal;

/// <summary>One of the enterprise's applications; another enterprise's id answers 404, as if it did not exist.</summary>
internal sealed class ApplicationModel(EvaluationDbContext db, IAuthorizationService authorization, CampaignCatalogues catalogues,
    TimeProvider clock, AuditActor actor, SelfAssessment.SelfAssessments drafts, SelfAssessment.EvidenceUpload evidence) : PageModel
{
    public CampaignApplication Application { get; private set; } = null!;
    public IReadOnlyList<Fact> Facts { get; private set; } = [];
    public ScoreCardView? ScoreCard { get; private set; }
    public IReadOnlyList<Objection> Objections { get; private set; } = [];
    public string? ObjectionError { get; private set; }
    public IReadOnlyList<ObjectionFile> ObjectionFiles { get; private set; } = [];

    internal sealed record ObjectionFile(Guid ObjectionId, Guid FileId, string FileName);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await ShowAsync(cancellationToken);
    }

    /// <summary>An objection (异议) to the result, only while it is on public notice; the reason is required.</summary>
    public async Task<IActionResult> OnPostObjectAsync(Guid id, string? reason, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Application.Status != ApplicationStatus.PublicNotice) return StatusCode(StatusCodes.Status409Conflict);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000 || Shared.FreeText.Problem(reason, 2000, "异议理由", multiline: true) is { } why)
        {
            ObjectionError = "请填写异议理由（不超过2000字，不含控制字符） / give a reason (at most 2000 characters, no control characters)";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        var objection = new Objection(Guid.NewGuid(), id, actor.Name, actor.UserId, reason, clock.GetUtcNow().UtcDateTime);
        if (file is { Length: > 0 })
        {
            // Evidence is optional, but a file that is sent must pass the same checks as any evidence, or nothing is stored.
            var (supporting, error) = await evidence.ReadAsync(Application.CampaignId, Application.EnterpriseId,
                EvidenceFile.ObjectionIndicator, file, cancellationToken);
            if (supporting is null)
            {
                ObjectionError = error;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await ShowAsync(cancellationToken);
            }
            db.EvidenceFiles.Add(supporting.Supporting(objection.Id));
        }
        db.Objections.Add(objection);
        await db.Because("企业提出异议 / objection filed").SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Objections = await db.Objections.Where(o => o.ApplicationId == Application.Id).OrderBy(o => o.RaisedAt).ToListAsync(cancellationToken);
        var objectionIds = Objections.Select(o => (Guid?)o.Id).ToList();
        ObjectionFiles = await db.EvidenceFiles.Where(f => objectionIds.Contains(f.ObjectionId))
            .Select(f => new ObjectionFile(f.ObjectionId!.Value, f.Id, f.FileName)).ToListAsync(cancellationToken);
        Facts = await db.Facts.Where(f => f.EnterpriseId == Application.EnterpriseId && f.CampaignId == Application.CampaignId
            && f.SupersededById == null).OrderBy(f => f.InputId).ToListAsync(cancellationToken);
        ScoreCard = await ScoreCardAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        // The same submission as the self-assessment page's: it freezes the ScoreCard; unreadable values send the enterprise there.
        return await drafts.SubmitAsync(draft, cancellationToken)
            ? RedirectToPage(new { id })
            : Redirect($"/enterprise/applications/{id}/self-assessment");
    }

    private async Task<ScoreCardView?> ScoreCardAsync(CancellationToken cancellationToken)
    {
        var snapshot = await db.ScoreCardSnapshots.Where(s => s.ApplicationId == Application.Id)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null) return null;
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == Application.CampaignId, cancellationToken);
        var industry = await db.Enterprises.Where(e => e.Id == Application.EnterpriseId).Select(e => e.IndustryCode)
            .SingleAsync(cancellationToken);
        return ScoreCardView.From(snapshot, catalogues.For(campaign, industry).Catalogue, LocalizationExtensions.IsEnglish);
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
