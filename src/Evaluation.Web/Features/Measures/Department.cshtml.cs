using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Localization;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Measures;

/// <summary>
/// A department's list of enterprises with joint measures in force that concern it (联合奖惩), newest first, 50 a
/// page, filtered by kind, exportable as CSV or XLSX (every row, not just the page).
/// </summary>
[Authorize(Policy = Policies.Department)]
internal sealed class DepartmentMeasuresModel(EvaluationDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public MeasureKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Enterprises { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    internal sealed record Row(Guid EnterpriseId, string Enterprise, string CreditCode, MeasureRecord Measure);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Query();
        Total = await query.CountAsync(cancellationToken);
        Enterprises = await query.Select(x => x.m.EnterpriseId).Distinct().CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = [.. (await query.OrderBy(x => x.Name).ThenBy(x => x.m.StartsOn).ThenBy(x => x.m.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
            .Select(x => new Row(x.m.EnterpriseId, x.Name, x.CreditCode, x.m))];
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        var rows = await Query().OrderBy(x => x.Name).ThenBy(x => x.m.StartsOn).ToListAsync(cancellationToken);
        var en = LocalizationExtensions.IsEnglish;
        return Exports.Exports.File(new ExportTable("measures",
            ["企业 / enterprise", "统一社会信用代码 / credit code", "措施 / measure", "类别 / kind", "依据 / basis", "开始 / starts", "结束 / ends",
             "规则 / rule", "原因 / why"],
            [.. rows.Select(x => (IReadOnlyList<object?>)[x.Name, x.CreditCode, Name(x.m, en), KindText(x.m.Kind, en), BasisText(x.m, en),
                x.m.StartsOn.ToString("yyyy-MM-dd"), x.m.EndsOn?.ToString("yyyy-MM-dd"), x.m.Rule, en ? x.m.WhyEn : x.m.WhyZh])]), format);
    }

    private IQueryable<Joined> Query()
    {
        var department = User.DepartmentId();
        var query = from m in db.Set<MeasureRecord>().AsNoTracking()
                    join e in db.Enterprises on m.EnterpriseId equals e.Id
                    where m.DepartmentId == department && m.EndedAt == null
                    select new Joined(m, e.Name, e.CreditCode);
        return Kind is { } kind ? query.Where(x => x.m.Kind == kind) : query;
    }

    private sealed record Joined(MeasureRecord m, string Name, string CreditCode);

    public static string Name(MeasureRecord m, bool en) => m.Measure is { } x ? en ? x.NameEn : x.NameZh : m.MeasureId;

    public static string KindText(MeasureKind kind, bool en) => kind == MeasureKind.Incentive ? en ? "Incentive" : "激励" : en ? "Sanction" : "惩戒";

    public static string BasisText(MeasureRecord m, bool en) => m.Measure?.Basis is { } b
        ? en ? $"{b.DocumentEn}: {b.ProvisionEn}" : $"{b.DocumentZh}：{b.ProvisionZh}" : "";
}
