using Evaluation.Rules.Model;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.SelfAssessment;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Review;

/// <summary>
/// Review of one application: every catalogue input in three columns (enterprise-reported, department,
/// reviewer) with its evidence; the reviewer verifies or rejects facts, sets the qualitative levels, records
/// the on-site review, and returns or accepts. Every form carries the application's <see cref="CampaignApplication.Version"/>:
/// a save from an older version is refused with "changed by someone else" (docs/decisions/0007).
/// </summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class ApplicationModel(EvaluationDbContext db, TimeProvider clock, CampaignCatalogues catalogues, FactLedger ledger,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public const string ConflictMessage = "已被他人修改，请重新加载 / changed by someone else, reload";

    private static readonly ApplicationStatus[] FactsEditable =
        [ApplicationStatus.InReview, ApplicationStatus.Accepted, ApplicationStatus.Scored, ApplicationStatus.PublicNotice];

    public CampaignApplication Application { get; private set; } = null!;
    public Enterprises.Enterprise Enterprise { get; private set; } = null!;
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string IndicatorId, string FileName, long Size)> Evidence { get; private set; } = [];
    public IReadOnlyList<InputRow> Rows { get; private set; } = [];
    public ScoreCardSnapshot? Latest { get; private set; }
    /// <summary>A small enterprise's level as it stands (null for the full track, or before its first cycle).</summary>
    public SmallEnterprises.SmeStandingRecord? SmeStanding { get; private set; }
    public string? Error { get; private set; }
    /// <summary>What the last action did, shown once after its redirect (it was silent: "设定" left no message).</summary>
    [TempData] public string? Done { get; set; }
    public bool Conflict { get; private set; }

    public bool CanEditFacts => FactsEditable.Contains(Application.Status);

    internal sealed record InputRow(InputDefinition Input, IReadOnlyList<string> Indicators, IReadOnlyList<Fact> Reported,
        IReadOnlyList<Fact> Department, Fact? Reviewer, Guid? UsedFactId, IReadOnlyList<(Guid Id, string FileName)> Evidence)
    {
        public bool LeftToReviewer => Input.Source == "reviewer";
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        await ShowAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(Guid id, Guid? version, CancellationToken cancellationToken) =>
        EditAsync(id, version, a => { a.StartReview(); return Ok(); }, "开始评审 / review started", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid? version, CancellationToken cancellationToken) =>
        EditAsync(id, version, a => { a.Accept(clock.GetUtcNow().UtcDateTime); return Ok(); }, "评审受理 / accepted", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid? version, string? reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult<IActionResult>(BadRequest("退回须说明原因 / a return says why"))
            : EditAsync(id, version, a =>
            {
                if (Text(reason, 1000, "退回原因 / reason") is { } problem) return Task.FromResult<string?>(problem);
                a.Return(reason.Trim());
                return Ok();
            }, reason.Trim(), cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(Guid id, Guid? version, Guid factId, string? note, CancellationToken cancellationToken) =>
        EditAsync(id, version, a => Text(note, 1000, "核实说明 / note") is { } problem ? Task.FromResult<string?>(problem)
                : VerifyAsync(a, factId, VerificationStatus.Verified, note?.Trim() is { Length: > 0 } n ? n : "评审核实 / verified"),
            "核实事实 / fact verified", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, Guid? version, Guid factId, string? reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? EditAsync(id, version, _ => Task.FromResult<string?>("不采信须说明原因 / a rejection says why"), "", cancellationToken)
            : EditAsync(id, version, a => Text(reason, 1000, "不采信理由 / reason") is { } problem ? Task.FromResult<string?>(problem)
                : VerifyAsync(a, factId, VerificationStatus.Rejected, reason.Trim()), "不采信事实 / fact rejected: " + reason.Trim(), cancellationToken);

    public Task<IActionResult> OnPostSetAsync(Guid id, Guid? version, string inputId, string? value, CancellationToken cancellationToken) =>
        EditAsync(id, version, a => SetAsync(a, inputId, value), $"评审认定 / reviewer value {inputId}", cancellationToken);

    public Task<IActionResult> OnPostOnSiteAsync(Guid id, Guid? version, DateOnly? on, string? reviewer, string? finding, bool? passed,
        CancellationToken cancellationToken) =>
        EditAsync(id, version, a =>
        {
            if (on is null || string.IsNullOrWhiteSpace(reviewer) || string.IsNullOrWhiteSpace(finding) || passed is null)
                return Task.FromResult<string?>("现场评审须填写日期、评审人、结论和是否通过 / the on-site review needs its date, reviewer, finding and whether it passed");
            if ((Text(reviewer, 64, "评审人 / reviewer", multiline: false) ?? Text(finding, 2000, "评审结论 / finding")) is { } problem)
                return Task.FromResult<string?>(problem);
            a.RecordOnSiteReview(on.Value, reviewer, finding, passed.Value);
            return Ok();
        }, "现场评审 / on-site review recorded", cancellationToken);

    private static Task<string?> Ok() => Task.FromResult<string?>(null);

    /// <summary>The shared free-text rule (<see cref="Shared.FreeText"/>) with the column's length.</summary>
    private static string? Text(string? text, int maxLength, string field, bool multiline = true) =>
        Shared.FreeText.Problem(text?.Trim(), maxLength, field, multiline);

    /// <summary>
    /// Applies one edit starting from the version the reviewer's page showed. The edit and the application's
    /// new version go in one SaveChanges; if someone saved in between, nothing is written and the page says so.
    /// </summary>
    private async Task<IActionResult> EditAsync(Guid id, Guid? version, Func<CampaignApplication, Task<string?>> edit, string why,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (version is null) return BadRequest("缺少版本 / the form carries no version");
        db.Entry(Application).Property(a => a.Version).OriginalValue = version.Value;
        var error = version.Value != Application.Version ? ConflictMessage : await edit(Application);
        if (error is null)
        {
            Application.Touch();
            try
            {
                await db.Because(why).SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { id });
            }
            catch (DbUpdateConcurrencyException) { error = ConflictMessage; }
        }
        Conflict = error == ConflictMessage;
        Error = error;
        Done = null; // nothing was saved
        Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task<string?> VerifyAsync(CampaignApplication a, Guid factId, VerificationStatus status, string note)
    {
        if (!FactsEditable.Contains(a.Status)) return NotEditable(a);
        var fact = await db.Facts.SingleOrDefaultAsync(f => f.Id == factId && f.CampaignId == a.CampaignId && f.EnterpriseId == a.EnterpriseId);
        if (fact is null) return "该事实不属于本申报 / the fact is not this application's";
        if (!fact.IsCurrent) return "该事实已被更正 / the fact has been superseded";
        if (fact.Origin == FactOrigin.Reviewer) return "评审认定值无需核实 / a reviewer's own value is not verified";
        fact.Verify(status, note);
        return null;
    }

    private async Task<string?> SetAsync(CampaignApplication a, string inputId, string? value)
    {
        if (!FactsEditable.Contains(a.Status)) return NotEditable(a);
        var input = Catalogue().Inputs.GetValueOrDefault(inputId);
        if (input is null) return $"指标输入 {inputId} 不在本目录中 / no input {inputId} in this catalogue";
        if (string.IsNullOrWhiteSpace(value)) return $"{input.Label.Zh} {input.Label.En}: 请填写数值 / give a value";
        var typed = Rules.Loading.Values.Parse(input, value, out var invalid);
        if (invalid is null) Rules.Loading.Values.Check(input, typed, out invalid);
        if (invalid is not null) return $"{input.Label.Zh} {input.Label.En}: {invalid}";
        var before = await db.Facts.Where(f => f.CampaignId == a.CampaignId && f.EnterpriseId == a.EnterpriseId && f.InputId == inputId
            && f.Origin == FactOrigin.Reviewer && f.SupersededById == null).Select(f => f.ValueText).FirstOrDefaultAsync(HttpContext.RequestAborted);
        await ledger.RecordAsync(Campaign, a.EnterpriseId, inputId, value, FactWriter.Reviewer, HttpContext.RequestAborted);
        var label = Localization.LocalizationExtensions.IsEnglish ? input.Label.En : input.Label.Zh;
        Done = (before is null ? l["已设定 {0}：{1}。", label, value.Trim()] : l["已设定 {0}：{1}（原为 {2}）。", label, value.Trim(), before]).Value
            + " " + l["评分快照不随之改变：受理后的下一次批量评分才计入。"].Value;
        return null;
    }

    private static string NotEditable(CampaignApplication a) =>
        $"当前状态（{Shared.Labels.Zh(a.Status)}）不可修改事实 / facts cannot change while the application is {a.Status}";

    /// <summary>The campaign's catalogue for this enterprise, with the campaign's parameter values: what its snapshot was scored on.</summary>
    private CampaignCatalogue Catalogue() => catalogues.For(Campaign, Enterprise);

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var key = Application.Id.ToString();
        // The audit log names the entity's class; nameof of the alias would give "CampaignApplication" and find nothing.
        Audit = await db.AuditEntries.Where(e => e.EntityType == typeof(CampaignApplication).Name && e.EntityId == key)
            .OrderBy(e => e.At).ToListAsync(cancellationToken);
        // Metadata only: the content is fetched by the download endpoint when a reviewer opens a file.
        Evidence = (await db.EvidenceFiles
                .Where(f => f.EnterpriseId == Application.EnterpriseId && f.CampaignId == Application.CampaignId)
                .OrderBy(f => f.IndicatorId).Select(f => new { f.Id, f.IndicatorId, f.FileName, f.Size }).ToListAsync(cancellationToken))
            .Select(f => (f.Id, f.IndicatorId, f.FileName, f.Size)).ToList();
        Latest = await db.ScoreCardSnapshots.Where(s => s.ApplicationId == Application.Id).OrderByDescending(s => s.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (Application.Track == Track.SmallEnterprise)
            SmeStanding = await db.Set<SmallEnterprises.SmeStandingRecord>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.EnterpriseId == Application.EnterpriseId, cancellationToken);
        var facts = await db.Facts.Where(f => f.CampaignId == Application.CampaignId && f.EnterpriseId == Application.EnterpriseId
            && f.SupersededById == null).ToListAsync(cancellationToken);
        var campaignCatalogue = Catalogue();
        var (catalogue, layout) = (campaignCatalogue.Catalogue, campaignCatalogue.Layout);
        var byInput = facts.ToLookup(f => f.InputId, StringComparer.Ordinal);
        var evidenceByIndicator = Evidence.ToLookup(e => e.IndicatorId, StringComparer.Ordinal);
        Rows = catalogue.Inputs.Where(i => i.Source is not ("tenants" or "tenant" or "park")).Select(input =>
        {
            var all = byInput[input.Id].ToList();
            var usable = all.Where(f => f.Verification != VerificationStatus.Rejected).ToList();
            var indicators = layout.Find(input.Id)?.Indicators.Select(i => i.Id).ToList() ?? [];
            return new InputRow(input, indicators,
                all.Where(f => f.Origin is FactOrigin.Enterprise or FactOrigin.Survey).OrderBy(f => f.SuppliedAt).ToList(),
                all.Where(f => f.Origin == FactOrigin.Department).OrderBy(f => f.SuppliedAt).ToList(),
                all.FirstOrDefault(f => f.Origin == FactOrigin.Reviewer),
                usable.Count == 0 ? null : FactSelection.Choose(input, usable).Id,
                indicators.SelectMany(i => evidenceByIndicator[i]).Select(e => (e.Id, e.FileName)).ToList());
        }).ToList();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null) return false;
        Application = application;
        Enterprise = await db.Enterprises.SingleAsync(e => e.Id == application.EnterpriseId, cancellationToken);
        Campaign = await db.Campaigns.SingleAsync(c => c.Id == application.CampaignId, cancellationToken);
        return true;
    }
}
