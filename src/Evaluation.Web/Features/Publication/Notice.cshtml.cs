using Evaluation.Web.Features.Audit;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public notice (公示) without login: the proposed ratings of every campaign whose notice period runs today,
/// and a simple form for anyone to object (name, contact, reason), answered in the centre's queue.
/// </summary>
internal sealed class NoticeModel(EvaluationDbContext db, Publishing publishing, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    internal sealed record Row(Guid ApplicationId, string Name, string CreditCode, District District, string IndustryCode,
        string? Grade, string Campaign, DateOnly From, DateOnly To);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostObjectAsync(string? creditCode, string? name, string? contact, string? reason,
        CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var code = creditCode?.Trim().ToUpperInvariant();
        var row = Rows.FirstOrDefault(r => r.CreditCode == code);
        reason = reason?.Trim();
        name = name?.Trim();
        Error = row is null ? "该企业不在公示中 / this enterprise is not on public notice"
            : string.IsNullOrEmpty(name) || name.Length > 30 ? "请填写姓名（不超过30字） / give your name (at most 30 characters)"
            : string.IsNullOrEmpty(reason) || reason.Length > 2000 ? "请填写异议理由（不超过2000字） / give a reason (at most 2000 characters)"
            : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var text = string.IsNullOrWhiteSpace(contact) ? reason! : $"{reason}\n联系方式 / contact: {contact.Trim()}";
        db.Objections.Add(new Objection(Guid.NewGuid(), row!.ApplicationId, $"公众 public: {name}", null, text[..Math.Min(text.Length, 4000)],
            clock.GetUtcNow().UtcDateTime));
        await db.Because("公众异议 / objection from the public").SaveChangesAsync(cancellationToken);
        Done = "异议已提交，评价中心将答复 / objection received; the centre will answer";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = publishing.Today;
        var notices = await db.PublicNotices.Where(n => n.From <= today && n.To >= today).ToListAsync(cancellationToken);
        var campaignIds = notices.Select(n => n.CampaignId).Distinct().ToList();
        var rows = await (from a in db.Applications
                          join e in db.Enterprises on a.EnterpriseId equals e.Id
                          join c in db.Campaigns on a.CampaignId equals c.Id
                          where campaignIds.Contains(a.CampaignId) && a.Status == ApplicationStatus.PublicNotice
                          orderby e.Name
                          select new
                          {
                              a.Id, a.CampaignId, e.Name, e.CreditCode, e.District, e.IndustryCode, Campaign = c.Name,
                              Grade = db.ScoreCardSnapshots.Where(s => s.ApplicationId == a.Id).OrderByDescending(s => s.CreatedAt)
                                  .Select(s => s.Grade).FirstOrDefault(),
                          }).ToListAsync(cancellationToken);
        Rows = rows.Select(r =>
        {
            var n = notices.Where(x => x.CampaignId == r.CampaignId).OrderByDescending(x => x.To).First();
            return new Row(r.Id, r.Name, r.CreditCode, r.District, r.IndustryCode, r.Grade, r.Campaign, n.From, n.To);
        }).ToList();
    }
}
