using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Exports;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>The centre's list of campaigns (评价活动), newest first.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class IndexModel(EvaluationDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Campaign Campaign, int Applications, CampaignPhase Phase)> Rows { get; private set; } = [];
    public string? Created { get; private set; }

    public async Task OnGetAsync(Guid? created, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Created = Rows.FirstOrDefault(r => r.Campaign.Id == created).Campaign?.Name;
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        await LoadAsync(cancellationToken);
        return Exports.Exports.File(new ExportTable("campaigns",
            ["名称 / name", "年度 / year", "级别 / level", "区县 / district", "指标体系 / catalogue", "阶段 / phase", "申报数 / applications",
             "自评开始 / self-assessment", "部门数据 / department data", "评审 / review", "公示 / public notice", "发布 / publish"],
            [.. Rows.Select(r => (IReadOnlyList<object?>)[r.Campaign.Name, r.Campaign.Year, LevelText(r.Campaign), r.Campaign.District?.Zh(),
                $"{r.Campaign.CatalogueId}@{r.Campaign.CatalogueVersion}", PhaseText(r.Phase), r.Applications,
                r.Campaign.SelfAssessmentFrom, r.Campaign.DepartmentDataFrom, r.Campaign.ReviewFrom, r.Campaign.PublicNoticeFrom, r.Campaign.PublishOn])]),
            format);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await db.Applications.GroupBy(a => a.CampaignId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var today = clock.NingboToday();
        Rows = [.. campaigns.Select(c => (c, counts.GetValueOrDefault(c.Id), c.PhaseOn(today)))];
    }

    public static string LevelText(Campaign c) => c.Level == CampaignLevel.Municipal ? "市级 / municipal" : "县级 / county";

    public static string PhaseText(CampaignPhase p) => p switch
    {
        CampaignPhase.NotOpen => "未开始 / not open",
        CampaignPhase.SelfAssessment => "企业自评 / self-assessment",
        CampaignPhase.DepartmentData => "部门数据 / department data",
        CampaignPhase.Review => "评审 / review",
        CampaignPhase.PublicNotice => "公示 / public notice",
        _ => "已发布 / published",
    };
}
