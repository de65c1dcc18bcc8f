using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>One campaign: its pinned catalogue and overrides with their basis, its applications and its ratings.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class DetailModel(EvaluationDbContext db, Catalogue.CampaignCatalogues catalogues) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    /// <summary>Each override with the catalogue's name for its parameter (null when the catalogue gives none).</summary>
    public IReadOnlyList<(string Id, Rules.Model.Text? Label, string Value, string Basis)> Overrides { get; private set; } = [];
    /// <summary>The first <see cref="Shown"/> rows of each list (the export has them all) and how many there are.</summary>
    public ExportTable Applications { get; private set; } = null!;
    public ExportTable Ratings { get; private set; } = null!;
    public int ApplicationCount { get; private set; }
    public int RatingCount { get; private set; }
    public const int Shown = 500;

    // The page's headers are resource keys (shown in the page's language); the files keep both languages in one header.
    private static readonly string[] ApplicationColumns = ["企业", "统一社会信用代码", "区县", "行业代码", "申报路径", "状态", "提交时间", "总分", "等级"];
    private static readonly string[] RatingColumns = ["企业", "统一社会信用代码", "区县", "等级", "有效期自", "有效期至", "状态", "撤销原因"];

    private static readonly string[] ApplicationHeaders =
        ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "行业代码 / industry", "路径 / track", "状态 / status", "提交 / submitted", "总分 / total", "等级 / grade"];
    private static readonly string[] RatingHeaders =
        ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "等级 / grade", "有效期自 / valid from", "有效期至 / valid to", "状态 / status", "撤销原因 / revocation reason"];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        ApplicationCount = await db.Applications.CountAsync(a => a.CampaignId == id, cancellationToken);
        RatingCount = await db.Ratings.CountAsync(r => r.CampaignId == id, cancellationToken);
        Applications = new ExportTable("applications", ApplicationColumns, await ApplicationRows(id, Shown).ToListAsync(cancellationToken));
        Ratings = new ExportTable("ratings", RatingColumns, await RatingRows(id, Shown).ToListAsync(cancellationToken));
        return Page();
    }

    /// <summary>A whole list, streamed from the query to the response (a campaign may have 100,000 applications).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string format, string list, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return list switch
        {
            "applications" => Exports.Exports.File($"{Campaign.Year}-applications", ApplicationHeaders, ApplicationRows(id, int.MaxValue).Select(InChinese), format),
            "ratings" => Exports.Exports.File($"{Campaign.Year}-ratings", RatingHeaders, RatingRows(id, int.MaxValue).Select(InChinese), format),
            _ => NotFound(),
        };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null) return false;
        Campaign = campaign;
        var values = ParameterOverrides.Parse(campaign.ParameterOverridesJson);
        var basis = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(campaign.ParameterBasisJson) ?? [];
        IReadOnlyList<Rules.Model.Parameter> parameters;
        try { parameters = catalogues.For(campaign, (string?)null).Catalogue.Parameters; }
        catch (Rules.Loading.CatalogueException) { parameters = []; } // the page still lists the overrides by id
        Overrides = [.. values.Select(v => (v.Key, parameters.FirstOrDefault(p => p.Id == v.Key)?.Label, v.Value.ToString(),
            basis.GetValueOrDefault(v.Key) ?? ""))];
        return true;
    }

    /// <summary>A row as the export writes it: states and districts in Chinese (the page shows them in its language).</summary>
    private static IReadOnlyList<object?> InChinese(IReadOnlyList<object?> row) => [.. row.Select(cell => cell switch
    {
        District d => d.Zh(),
        Track t => t.Zh(),
        ApplicationStatus s => s.Zh(),
        RatingStatus s => s.Zh(),
        _ => cell,
    })];

    /// <summary>Applications by enterprise name, each with its latest ScoreCard's total and grade.</summary>
    private IAsyncEnumerable<IReadOnlyList<object?>> ApplicationRows(Guid id, int take) =>
        db.Applications.AsNoTracking().Where(a => a.CampaignId == id)
            .Join(db.Enterprises.AsNoTracking(), a => a.EnterpriseId, e => e.Id, (a, e) => new { a, e })
            .OrderBy(x => x.e.Name).ThenBy(x => x.a.Id).Take(take)
            .Select(x => new
            {
                x.e.Name, x.e.CreditCode, x.e.District, x.e.IndustryCode, x.a.Track, x.a.Status, x.a.SubmittedAt,
                Latest = db.ScoreCardSnapshots.Where(s => s.ApplicationId == x.a.Id).OrderByDescending(s => s.CreatedAt)
                    .Select(s => new { s.Total, s.Grade }).FirstOrDefault(),
            })
            .AsAsyncEnumerable()
            .Select(x => (IReadOnlyList<object?>)[x.Name, x.CreditCode, x.District, x.IndustryCode, x.Track,
                x.Status, x.SubmittedAt, x.Latest?.Total, x.Latest?.Grade]);

    private IAsyncEnumerable<IReadOnlyList<object?>> RatingRows(Guid id, int take) =>
        db.Ratings.AsNoTracking().Where(r => r.CampaignId == id)
            .Join(db.Enterprises.AsNoTracking(), r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e })
            .OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).ThenBy(x => x.r.Id).Take(take)
            .Select(x => new { x.e.Name, x.e.CreditCode, x.e.District, x.r.Grade, x.r.ValidFrom, x.r.ValidTo, x.r.Status, x.r.RevocationReason })
            .AsAsyncEnumerable()
            .Select(x => (IReadOnlyList<object?>)[x.Name, x.CreditCode, x.District, x.Grade.ToString(), x.ValidFrom, x.ValidTo,
                x.Status, x.RevocationReason]);
}
