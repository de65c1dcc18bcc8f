using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Measures;

/// <summary>One measure as a department system reads it: names and basis in Chinese with the English beside them.</summary>
internal sealed record MeasureItem(string Measure, string Kind, string Name, string NameEn, string Department, string BasisDocument,
    string BasisDocumentEn, string BasisProvision, string BasisProvisionEn, DateOnly StartsOn, DateOnly? EndsOn, string Rule, string Why, string WhyEn);

internal sealed record MeasuresResult(string CreditCode, string Enterprise, IReadOnlyList<MeasureItem> Measures);

/// <summary><c>GET /api/v1/enterprises/{creditCode}/measures</c>: the measures in force that concern the token's department.</summary>
internal static class MeasuresEndpoint
{
    public static async Task<IResult> GetAsync(string creditCode, HttpContext http, EvaluationDbContext db, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code).Select(e => new { e.Id, e.Name, e.CreditCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (enterprise is null) return TypedResults.NotFound();
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
