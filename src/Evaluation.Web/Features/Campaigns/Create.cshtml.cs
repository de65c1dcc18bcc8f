using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>The centre administrator creates a campaign on a catalogue version from the library.</summary>
[Authorize(Policy = Policies.Administrator)]
internal sealed class CreateModel(EvaluationDbContext db, CatalogueLibrary library,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public const int OverrideRows = 6;

    [BindProperty] public CampaignInput Input { get; set; } = new();
    public IReadOnlyList<CatalogueVersionInfo> Versions { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Every version's parameters, for the picker (id → label and current value).</summary>
    public IReadOnlyList<(string Version, string Id, string Label, string Value)> Parameters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.Catalogue = Versions.LastOrDefault(v => !v.Uploaded)?.Key ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        var campaign = CampaignForm.Build(Input, Versions, library, errors, l);
        if (campaign is not null && await db.Campaigns.AnyAsync(c => c.Year == campaign.Year && c.Name == campaign.Name, cancellationToken))
        {
            errors["Name"] = l["名称：{0}年度已有同名活动", campaign.Year].Value;
            campaign = null;
        }
        if (campaign is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.Campaigns.Add(campaign);
        await db.Because($"campaign {campaign.Name} created").SaveChangesAsync(cancellationToken);
        return Redirect($"/centre/campaigns?created={campaign.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Versions = await library.VersionsAsync(db, cancellationToken);
        Parameters = [.. Versions.SelectMany(v =>
        {
            try { return library.Get(v.CatalogueId, v.Version).Base.Parameters.Select(p => (v.Key, p.Id,
                (Localization.LocalizationExtensions.IsEnglish ? p.Label?.En : p.Label?.Zh) ?? p.Id,
                Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")); }
            catch (Rules.Loading.CatalogueException) { return []; }
        })];
        while (Input.Overrides.Count < OverrideRows) Input.Overrides.Add(new OverrideInput());
    }
}
