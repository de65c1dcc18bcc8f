using Evaluation.Web.Features.Exports;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>Impact preview: a campaign's facts re-scored under another catalogue version; who changes grade and why.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class ImpactModel(EvaluationDbContext db, CatalogueLibrary library, ImpactPreview preview) : PageModel
{
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];
    public IReadOnlyList<CatalogueVersionInfo> Versions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public Guid? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public string? Version { get; set; }
    public Impact? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Error is not null) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        await LoadAsync(cancellationToken);
        return Result is null ? StatusCode(StatusCodes.Status422UnprocessableEntity, Error ?? "version: choose a catalogue version") : Exports.Exports.File(Result.Export(), format);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        Versions = await library.VersionsAsync(db, cancellationToken);
        // The previous campaign by default: the latest one with published ratings, else the latest.
        var published = await db.Ratings.AsNoTracking().Select(r => r.CampaignId).Distinct().ToListAsync(cancellationToken);
        Campaign ??= Campaigns.FirstOrDefault(c => published.Contains(c.Id))?.Id ?? Campaigns.FirstOrDefault()?.Id;
        if (string.IsNullOrWhiteSpace(Version)) return;
        var campaign = Campaigns.FirstOrDefault(c => c.Id == Campaign);
        var version = Versions.FirstOrDefault(v => v.Key == Version);
        if (campaign is null) Error = "评价活动不存在 / campaign: no such campaign";
        else if (version is null) Error = $"version: 没有指标体系版本 {Version} / no catalogue version {Version}";
        else Result = await preview.ComputeAsync(campaign, version.CatalogueId, version.Version, cancellationToken);
    }
}
