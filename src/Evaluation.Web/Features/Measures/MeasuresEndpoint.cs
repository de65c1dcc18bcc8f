using System.ComponentModel;
using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Features.Measures;

/// <summary>One measure as a department system reads it: names and basis in Chinese with the English beside them.</summary>
internal sealed record MeasureItem(
    [property: Description("措施标识 / the measure's id")] string Measure,
    [property: Description("措施类别：Incentive 激励，Sanction 惩戒 / the kind: Incentive or Sanction")] string Kind,
    [property: Description("措施名称 / the measure's name in Chinese")] string Name,
    [property: Description("措施名称（英文）/ the measure's name in English")] string NameEn,
    [property: Description("实施部门 / the department that carries it out")] string Department,
    [property: Description("依据文件 / the document it rests on, in Chinese")] string BasisDocument,
    [property: Description("依据文件（英文）/ the document it rests on, in English")] string BasisDocumentEn,
    [property: Description("依据条款 / the provision, in Chinese")] string BasisProvision,
    [property: Description("依据条款（英文）/ the provision, in English")] string BasisProvisionEn,
    [property: Description("开始日期 / the first day in force")] DateOnly StartsOn,
    [property: Description("结束日期（含）；长期有效为 null / the last day in force (inclusive); null when open-ended")] DateOnly? EndsOn,
    [property: Description("给出此措施的规则 / the rule that gave the measure")] string Rule,
    [property: Description("适用原因（所匹配的事实）/ why it applies (the facts that matched), in Chinese")] string Why,
    [property: Description("适用原因（英文）/ why it applies, in English")] string WhyEn);

internal sealed record MeasuresResult(
    [property: Description("统一社会信用代码 / unified social credit code")] string CreditCode,
    [property: Description("企业名称 / the enterprise's name")] string Enterprise,
    [property: Description("本单位负责实施、现行有效的措施；没有则为空列表 / the measures in force the calling department carries out; empty when none")]
    IReadOnlyList<MeasureItem> Measures);

/// <summary><c>GET /api/v1/enterprises/{creditCode}/measures</c>: the measures in force that concern the token's department.</summary>
internal static class MeasuresEndpoint
{
    public static async Task<IResult> GetAsync(
        [Description("统一社会信用代码（18位，大小写不敏感）/ the unified social credit code (18 characters, any case)")] string creditCode, HttpContext http, EvaluationDbContext db, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code).Select(e => new { e.Id, e.Name, e.CreditCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (enterprise is null)
            return ApiProblems.Result(ApiProblems.NotFound, $"没有信用代码为 {creditCode} 的企业 / no enterprise with credit code {creditCode}");
        var records = await db.Set<MeasureRecord>().AsNoTracking()
            .Where(m => m.EnterpriseId == enterprise.Id && m.DepartmentId == department && m.EndedAt == null)
            .OrderBy(m => m.StartsOn).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MeasuresResult(enterprise.CreditCode, enterprise.Name, [.. records.Select(Item)]));
    }

    public static MeasureItem Item(MeasureRecord m)
    {
        var measure = m.Measure;
        return new MeasureItem(m.MeasureId, m.Kind.ToString(), measure?.NameZh ?? m.MeasureId, measure?.NameEn ?? m.MeasureId, m.DepartmentId,
            measure?.Basis.DocumentZh ?? "", measure?.Basis.DocumentEn ?? "", measure?.Basis.ProvisionZh ?? "", measure?.Basis.ProvisionEn ?? "",
            m.StartsOn, m.EndsOn, m.Rule, m.WhyZh, m.WhyEn);
    }
}
