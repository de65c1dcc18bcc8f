using Evaluation.Web.Features.Audit;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Review;

/// <summary>Review of one application: start, return with a reason, or accept; each move is audited.</summary>
internal sealed class ApplicationModel(EvaluationDbContext db, TimeProvider clock) : PageModel
{
    public CampaignApplication Application { get; private set; } = null!;
    public string EnterpriseName { get; private set; } = "";
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string IndicatorId, string FileName, long Size)> Evidence { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var key = id.ToString();
        Audit = await db.AuditEntries.Where(e => e.EntityType == nameof(CampaignApplication) && e.EntityId == key)
            .OrderBy(e => e.At).ToListAsync(cancellationToken);
        // Metadata only: the content is fetched by the download endpoint when a reviewer opens a file.
        Evidence = (await db.EvidenceFiles
                .Where(f => f.EnterpriseId == Application.EnterpriseId && f.CampaignId == Application.CampaignId)
                .OrderBy(f => f.IndicatorId).Select(f => new { f.Id, f.IndicatorId, f.FileName, f.Size }).ToListAsync(cancellationToken))
            .Select(f => (f.Id, f.IndicatorId, f.FileName, f.Size)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken cancellationToken) =>
        MoveAsync(id, a => a.StartReview(), "开始评审 / review started", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) =>
        MoveAsync(id, a => a.Accept(clock.GetUtcNow().UtcDateTime), "评审受理 / accepted", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult<IActionResult>(BadRequest("退回须说明原因 / a return says why"))
            : MoveAsync(id, a => a.Return(reason), reason, cancellationToken);

    private async Task<IActionResult> MoveAsync(Guid id, Action<CampaignApplication> move, string why, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        move(Application);
        await db.Because(why).SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null) return false;
        Application = application;
        EnterpriseName = await db.Enterprises.Where(e => e.Id == application.EnterpriseId).Select(e => e.Name)
            .SingleAsync(cancellationToken);
        return true;
    }
}
