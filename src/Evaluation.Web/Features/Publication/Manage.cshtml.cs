namespace Evaluation.Web.Features.Publication;

/// <summary>The centre opens public notice for a campaign's scored applications and, once it has ended with every objection answered, publishes.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class ManageModel(EvaluationDbContext db, Publishing publishing, AuditActor actor) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Done { get; set; }
    public DateOnly Today => publishing.Today;

    /// <summary>
    /// What the refused form held, so the page shows it again instead of the defaults: the campaign it was for,
    /// the notice's first and last day, the validity in years.
    /// </summary>
    public Guid? PostedCampaign { get; private set; }
    public DateOnly? PostedFrom { get; private set; }
    public DateOnly? PostedTo { get; private set; }
    public int? PostedValidityYears { get; private set; }

    public DateOnly NoticeFrom(Guid campaign) => PostedCampaign == campaign && PostedFrom is { } from ? from : Today;
    public DateOnly NoticeTo(Guid campaign) => PostedCampaign == campaign && PostedTo is { } to ? to : Today.AddDays(6);
    public int ValidityYears(Guid campaign) =>
        PostedCampaign == campaign && PostedValidityYears is { } years ? years : Publishing.DefaultValidityYears;

    internal sealed record CampaignRow(Guid Id, string Name, int Scored, int OnNotice, int Published, int OpenObjections,
        IReadOnlyList<PublicNotice> Notices);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostNoticeAsync(Guid campaignId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken)) return NotFound();
        (PostedCampaign, PostedFrom, PostedTo) = (campaignId, from, to);
        if (from is null || to is null) return await RefuseAsync(["请填写公示起止日期 / give the notice's first and last day"], cancellationToken);
        PublicNotice? notice;
        string? error;
        try { (notice, error) = await publishing.OpenNoticeAsync(campaignId, from.Value, to.Value, actor.Name, cancellationToken); }
        catch (DbUpdateConcurrencyException) { return await ConflictAsync(cancellationToken); }
        if (error is not null) return await RefuseAsync([error], cancellationToken);
        Done = $"已公示 {notice!.Applications} 家企业 / {notice.Applications} enterprise(s) on public notice";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid campaignId, int? validityYears, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken)) return NotFound();
        (PostedCampaign, PostedValidityYears) = (campaignId, validityYears);
        int published;
        IReadOnlyList<string> errors;
        try { (published, errors) = await publishing.PublishAsync(campaignId, validityYears ?? Publishing.DefaultValidityYears, cancellationToken); }
        catch (DbUpdateConcurrencyException) { return await ConflictAsync(cancellationToken); }
        if (errors.Count > 0) return await RefuseAsync(errors, cancellationToken);
        Done = $"已发布 {published} 家企业的评价等级 / {published} rating(s) published";
        return RedirectToPage();
    }

    /// <summary>Someone else moved these applications meanwhile (the application's concurrency token): nothing was written.</summary>
    private async Task<IActionResult> ConflictAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var page = await RefuseAsync([Review.ApplicationModel.ConflictMessage], cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private async Task<IActionResult> RefuseAsync(IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Applications
            .Where(a => a.Status == ApplicationStatus.Scored || a.Status == ApplicationStatus.PublicNotice || a.Status == ApplicationStatus.Published)
            .GroupBy(a => new { a.CampaignId, a.Status }).Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var objections = await (from o in db.Objections
                                join a in db.Applications on o.ApplicationId equals a.Id
                                where o.Status == ObjectionStatus.Open
                                group o by a.CampaignId into g
                                select new { CampaignId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var notices = (await db.PublicNotices.OrderBy(n => n.From).ToListAsync(cancellationToken)).ToLookup(n => n.CampaignId);
        int Count(Guid c, ApplicationStatus s) => counts.Where(x => x.CampaignId == c && x.Status == s).Sum(x => x.Count);
        Campaigns = (await db.Campaigns.OrderByDescending(c => c.Year).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CampaignRow(c.Id, c.Name, Count(c.Id, ApplicationStatus.Scored), Count(c.Id, ApplicationStatus.PublicNotice),
                Count(c.Id, ApplicationStatus.Published), objections.Where(o => o.CampaignId == c.Id).Sum(o => o.Count), notices[c.Id].ToList()))
            .ToList();
    }
}
