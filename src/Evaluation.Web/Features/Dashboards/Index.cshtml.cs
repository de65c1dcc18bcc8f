using Evaluation.Web.Features.Exports;

namespace Evaluation.Web.Features.Dashboards;

/// <summary>
/// A campaign's dashboard: the page lays out the charts, each chart fetches its ECharts option from the
/// Chart handler, and every table behind a chart exports to CSV/XLSX.
/// </summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class IndexModel(EvaluationDbContext db, CampaignDashboard dashboard,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];
    public DashboardData? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? campaign, CancellationToken cancellationToken)
    {
        if (id is null && campaign is not null) return RedirectToPage(new { id = campaign }); // the picker without JavaScript
        Campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        if (id is null)
        {
            // The latest campaign with published ratings, else the latest.
            var published = await db.Ratings.AsNoTracking().Select(r => r.CampaignId).Distinct().ToListAsync(cancellationToken);
            var chosen = Campaigns.FirstOrDefault(c => published.Contains(c.Id)) ?? Campaigns.FirstOrDefault();
            return chosen is null ? Page() : RedirectToPage(new { id = chosen.Id });
        }
        Data = await dashboard.LoadAsync(id.Value, cancellationToken);
        return Data is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetChartAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        if (!DashboardCharts.Names.Contains(name)) return NotFound();
        var data = await dashboard.LoadAsync(id, cancellationToken);
        return data is null ? NotFound() : new JsonResult(DashboardCharts.Option(data, name, key => l[key].Value));
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, string format, string list, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        var data = await dashboard.LoadAsync(id, cancellationToken);
        var table = data is null ? null : DashboardCharts.Table(data, list);
        return table is null ? NotFound() : Exports.Exports.File(table with { Name = $"{data!.Campaign.Year}-{table.Name}" }, format);
    }
}
