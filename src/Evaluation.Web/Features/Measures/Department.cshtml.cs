using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Localization;

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
        Enterprises = await query.Select(x => x.Measure.EnterpriseId).Distinct().CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = [.. (await query.OrderBy(x => x.Name).ThenBy(x => x.Measure.StartsOn).ThenBy(x => x.Measure.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
            .Select(x => new Row(x.Measure.EnterpriseId, x.Name, x.CreditCode, x.Measure))];
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        if (!Exports.Exports.IsFormat(format)) return BadRequest();
        var rows = await Query().OrderBy(x => x.Name).ThenBy(x => x.Measure.StartsOn).ToListAsync(cancellationToken);
        var en = LocalizationExtensions.IsEnglish;
        return Exports.Exports.File(new ExportTable("measures",
            ["企业 / enterprise", "统一社会信用代码 / credit code", "措施 / measure", "类别 / kind", "依据 / basis", "开始 / starts", "结束 / ends",
             "规则 / rule", "原因 / why"],
            [.. rows.Select(x => (IReadOnlyList<object?>)[x.Name, x.CreditCode, Name(x.Measure, en), KindText(x.Measure.Kind, en), BasisText(x.Measure, en),
                x.Measure.StartsOn.ToString("yyyy-MM-dd"), x.Measure.EndsOn?.ToString("yyyy-MM-dd"), x.Measure.Rule, en ? x.Measure.WhyEn : x.Measure.WhyZh])]), format);
    }

    private IQueryable<Joined> Query()
    {
        var department = User.DepartmentId();
        var query = from m in db.Set<MeasureRecord>().AsNoTracking()
                    join e in db.Enterprises on m.EnterpriseId equals e.Id
                    where m.DepartmentId == department && m.EndedAt == null
                    select new Joined { Measure = m, Name = e.Name, CreditCode = e.CreditCode };
        return Kind is { } kind ? query.Where(x => x.Measure.Kind == kind) : query;
    }

    // Member initialisation, not a constructor: EF composes filters and ordering over it.
    private sealed class Joined
    {
        public MeasureRecord Measure { get; init; } = null!;
        public string Name { get; init; } = "";
        public string CreditCode { get; init; } = "";
    }

    public static string Name(MeasureRecord m, bool en) => m.Measure is { } x ? en ? x.NameEn : x.NameZh : m.MeasureId;

    public static string KindText(MeasureKind kind, bool en) => kind == MeasureKind.Incentive ? en ? "Incentive" : "激励" : en ? "Sanction" : "惩戒";

    /// <summary>One language of a "中文 / English" reason (the audit's form); other text as it is.</summary>
    public static string? InLanguage(string? text, bool en) =>
        text?.Split(" / ", 2) is [var zh, var english] ? en ? english : zh : text;

    public static string BasisText(MeasureRecord m, bool en) => m.Measure?.Basis is { } b
        ? en ? $"{b.DocumentEn}: {b.ProvisionEn}" : $"{b.DocumentZh}：{b.ProvisionZh}" : "";
}
