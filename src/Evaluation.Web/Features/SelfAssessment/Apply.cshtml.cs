using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Localization;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// Applying to a campaign open for self-assessment: the index variant the enterprise's industry code selects
/// (and what it changes), and the track. One application per enterprise and campaign.
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
internal sealed class ApplyModel(EvaluationDbContext db, CampaignCatalogues catalogues, TimeProvider clock) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<OpenCampaign> Campaigns { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public Guid CampaignId { get; set; }
    [BindProperty] public Track Track { get; set; }
    [BindProperty] public List<string> Modules { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var open = Campaigns.FirstOrDefault(c => c.Campaign.Id == CampaignId);
        if (open is null || !Enum.IsDefined(Track)) Error = "该评价活动未开放申报 / this campaign is not open for applications";
        else if (open.ApplicationId is { } existing) return RedirectToPage("Form", new { id = existing });
        else if (Track == Track.SmallEnterprise && (Modules.Count == 0 || Modules.Except(open.Modules.Select(m => m.Id)).Any()))
            Error = "请选择本周期创建的模块 / choose the modules you aim for this cycle";
        if (Error is not null) return Page();
        var application = new CampaignApplication(Guid.NewGuid(), CampaignId, Enterprise.Id, Track, clock.GetUtcNow().UtcDateTime);
        if (Track == Track.SmallEnterprise) application.AimForModules([.. Modules.Distinct(StringComparer.Ordinal)]);
        db.Applications.Add(application);
        await db.Because("企业申报 / application opened").SaveChangesAsync(cancellationToken);
        return RedirectToPage("Form", new { id = application.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var id = User.EnterpriseId();
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return false;
        Enterprise = enterprise;
        var today = clock.NingboToday();
        // Few campaigns exist at any time; the phase is computed in memory rather than translated to SQL.
        var campaigns = (await db.Campaigns.ToListAsync(cancellationToken))
            .Where(c => c.PhaseOn(today) == CampaignPhase.SelfAssessment && (c.District is null || c.District == enterprise.District))
            .OrderByDescending(c => c.Year).ToList();
        var applied = await db.Applications.Where(a => a.EnterpriseId == enterprise.Id)
            .ToDictionaryAsync(a => a.CampaignId, a => a.Id, cancellationToken);
        Campaigns = [.. campaigns.Select(c => Open(c, applied.TryGetValue(c.Id, out var a) ? a : null))];
        return true;
    }

    private OpenCampaign Open(Campaign campaign, Guid? applicationId)
    {
        var lang = LocalizationExtensions.IsEnglish ? "en" : "zh";
        var set = catalogues.VersionOf(campaign);
        var variant = catalogues.For(campaign, Enterprise).Catalogue;
        return new OpenCampaign(campaign, variant.Title.In(lang), variant.Variant?.Name.In(lang),
            VariantChanges.Between(set.Base, variant, lang), applicationId, set.Sme?.Modules ?? []);
    }

    internal sealed record OpenCampaign(Campaign Campaign, string Catalogue, string? Variant, IReadOnlyList<string> Changes, Guid? ApplicationId,
        IReadOnlyList<Rules.Model.SmeModule> Modules);
}
