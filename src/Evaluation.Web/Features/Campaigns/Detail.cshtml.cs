using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>One campaign: its pinned catalogue and overrides with their basis, its applications and its ratings.</summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class DetailModel(EvaluationDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<(string Id, string Value, string Basis)> Overrides { get; private set; } = [];
    public ExportTable Applications { get; private set; } = null!;
    public ExportTable Ratings { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid id, string format, string list, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var table = list switch { "applications" => Applications, "ratings" => Ratings, _ => null };
        return table is null ? NotFound() : Exports.Exports.File(table with { Name = $"{Campaign.Year}-{table.Name}" }, format);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null) return false;
        Campaign = campaign;
        var values = ParameterOverrides.Parse(campaign.ParameterOverridesJson);
        var basis = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(campaign.ParameterBasisJson) ?? [];
        Overrides = [.. values.Select(v => (v.Key, v.Value.ToString(), basis.GetValueOrDefault(v.Key) ?? ""))];

        var applications = await db.Applications.AsNoTracking().Where(a => a.CampaignId == id)
            .Join(db.Enterprises.AsNoTracking(), a => a.EnterpriseId, e => e.Id, (a, e) => new { a, e })
            .OrderBy(x => x.e.Name).ToListAsync(cancellationToken);
        var ids = applications.Select(x => x.a.Id).ToList();
        var latest = (await db.ScoreCardSnapshots.AsNoTracking().Where(s => ids.Contains(s.ApplicationId))
                .Select(s => new { s.ApplicationId, s.Total, s.Grade, s.CreatedAt }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ApplicationId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.CreatedAt).First());
        Applications = new ExportTable("applications",
            ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "行业代码 / industry", "路径 / track", "状态 / status", "提交 / submitted", "总分 / total", "等级 / grade"],
            [.. applications.Select(x => (IReadOnlyList<object?>)[x.e.Name, x.e.CreditCode, x.e.District.Zh(), x.e.IndustryCode, x.a.Track.Zh(),
                x.a.Status.Zh(), x.a.SubmittedAt, latest.GetValueOrDefault(x.a.Id)?.Total, latest.GetValueOrDefault(x.a.Id)?.Grade])]);

        var ratings = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == id)
            .Join(db.Enterprises.AsNoTracking(), r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e })
            .OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).ToListAsync(cancellationToken);
        Ratings = new ExportTable("ratings",
            ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "等级 / grade", "有效期自 / valid from", "有效期至 / valid to", "状态 / status", "撤销原因 / revocation reason"],
            [.. ratings.Select(x => (IReadOnlyList<object?>)[x.e.Name, x.e.CreditCode, x.e.District.Zh(), x.r.Grade.ToString(), x.r.ValidFrom, x.r.ValidTo,
                x.r.Status.Zh(), x.r.RevocationReason])]);
        return true;
    }
}
