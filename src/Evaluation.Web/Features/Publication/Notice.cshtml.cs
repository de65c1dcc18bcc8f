using Evaluation.Web.Features.Security;
using Evaluation.Web.Features.Shared;
using Microsoft.AspNetCore.RateLimiting;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public notice (公示) without login: the proposed ratings of every campaign whose notice period runs today,
/// searched by name or credit code and paged (a campaign can put tens of thousands on notice), and a simple form
/// for anyone to object (name, contact, reason), answered in the centre's queue. An objection is checked first
/// and then finds its one enterprise; it never loads the list. Objections are rate-limited per address.
/// </summary>
[EnableRateLimiting(SecurityExtensions.PublicFormPolicy)]
internal sealed class NoticeModel(EvaluationDbContext db, Publishing publishing, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    public const int MaxName = 30, MaxContact = 100, MaxReason = 2000;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string PageUrl(int page) => $"/notice?q={Uri.EscapeDataString(Q ?? "")}&p={page}";

    internal sealed record Row(Guid ApplicationId, string Name, string CreditCode, District District, string IndustryCode,
        string? Grade, string Campaign, DateOnly From, DateOnly To);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostObjectAsync(string? creditCode, string? name, string? contact, string? reason,
        CancellationToken cancellationToken)
    {
        var code = creditCode?.Trim().ToUpperInvariant();
        (name, contact, reason) = (name?.Trim(), contact?.Trim(), reason?.Trim());
        Error = string.IsNullOrEmpty(name) ? $"请填写姓名（不超过{MaxName}字） / give your name (at most {MaxName} characters)"
            : FreeText.Problem(name, MaxName, "姓名 / name")
            ?? FreeText.Problem(contact, MaxContact, "联系方式 / contact")
            ?? (string.IsNullOrEmpty(reason) ? $"请填写异议理由（不超过{MaxReason}字） / give a reason (at most {MaxReason} characters)" : null)
            ?? FreeText.Problem(reason, MaxReason, "异议理由 / reason", multiline: true);
        var row = Error is null && code is { Length: 18 } ? (await QueryAsync(code, exact: true).Take(1).ToListAsync(cancellationToken)).SingleOrDefault() : null;
        if (Error is null && row is null) Error = "该企业不在公示中 / this enterprise is not on public notice";
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var text = string.IsNullOrEmpty(contact) ? reason! : $"{reason}\n联系方式 / contact: {contact}"; // at most 2,119 of the column's 4,000
        db.Objections.Add(new Objection(Guid.NewGuid(), row!.ApplicationId, $"公众 public: {name}", null, text, clock.GetUtcNow().UtcDateTime));
        await db.Because("公众异议 / objection from the public").SaveChangesAsync(cancellationToken);
        Done = "异议已提交，评价中心将答复 / objection received; the centre will answer";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var q = Q?.Trim();
        var query = QueryAsync(string.IsNullOrEmpty(q) ? null : q, exact: false);
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The applications on notice today, by enterprise name; <paramref name="search"/> matches a name part or a whole
    /// credit code (any letter case), or with <paramref name="exact"/> only the credit code.
    /// </summary>
    private IQueryable<Row> QueryAsync(string? search, bool exact)
    {
        var today = publishing.Today;
        var code = search?.ToUpperInvariant();
        var notices = db.PublicNotices.Where(n => n.From <= today && n.To >= today);
        var rows = from a in db.Applications.AsNoTracking()
                   join e in db.Enterprises on a.EnterpriseId equals e.Id
                   join c in db.Campaigns on a.CampaignId equals c.Id
                   where a.Status == ApplicationStatus.PublicNotice && notices.Any(n => n.CampaignId == a.CampaignId)
                   select new { a, e, c };
        if (search is not null)
            rows = exact ? rows.Where(x => x.e.CreditCode == code) : rows.Where(x => x.e.CreditCode == code || x.e.Name.Contains(search));
        // The period shown is the campaign's notice running today that ends last.
        return rows.OrderBy(x => x.e.Name).ThenBy(x => x.e.CreditCode).Select(x => new Row(x.a.Id, x.e.Name, x.e.CreditCode, x.e.District,
            x.e.IndustryCode, db.ScoreCardSnapshots.Where(s => s.ApplicationId == x.a.Id).OrderByDescending(s => s.CreatedAt).Select(s => s.Grade).FirstOrDefault(),
            x.c.Name,
            notices.Where(n => n.CampaignId == x.a.CampaignId).OrderByDescending(n => n.To).Select(n => n.From).First(),
            notices.Where(n => n.CampaignId == x.a.CampaignId).OrderByDescending(n => n.To).Select(n => n.To).First()));
    }
}
