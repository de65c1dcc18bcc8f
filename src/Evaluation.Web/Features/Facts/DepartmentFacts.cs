using Evaluation.Web.Features.Audit;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Facts;

/// <summary>
/// Records a department's value for an input it owns. The previous current value from the same
/// department is superseded, not overwritten, so the history stays in the table and in the audit log.
/// </summary>
internal sealed class DepartmentFacts(EvaluationDbContext db, IInputCatalogue inputs, DepartmentData.DepartmentScope scope,
    AuditActor actor, TimeProvider clock)
{
    public async Task<(Fact? Fact, string? Error)> RecordAsync(string departmentId, Guid campaignId, string creditCode,
        string inputId, string value, string? reason, CancellationToken cancellationToken)
    {
        // Only the campaign open for department data takes values, as on the desk, in uploads and through the API.
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null || campaign.Id != campaignId)
            return (null, "该活动不在数据报送期 / the campaign is not open for department data");
        // The same free-text rule as the other department paths: bounded, no control characters.
        if (Shared.FreeText.Problem(value.Trim(), DepartmentData.SubmissionValidator.MaxValueLength, "数值 / value") is { } badValue)
            return (null, badValue);
        if (Shared.FreeText.Problem(reason?.Trim(), DepartmentData.SubmissionValidator.MaxNoteLength, "说明 / note", multiline: true) is { } badReason)
            return (null, badReason);
        var input = inputs.Find(campaign.CatalogueId, campaign.CatalogueVersion, inputId);
        if (!string.Equals(input?.Source, departmentId, StringComparison.Ordinal))
            return (null, $"指标输入 {inputId} 不由本部门提供 / input {inputId} is not owned by {departmentId}");
        // The same typed check as uploads and the API: a value the engine cannot read never reaches an enterprise.
        var typed = Rules.Loading.Values.Parse(input!, value, out var invalid);
        if (invalid is null) Rules.Loading.Values.Check(input!, typed, out invalid);
        if (invalid is not null) return (null, $"{input!.Label.Zh} {input.Label.En}: {invalid}");
        if (!CreditCode.TryParse(creditCode, out var code)) return (null, CreditCode.Validate(creditCode));
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == code.Value, cancellationToken);
        if (enterprise is null) return (null, "企业不存在 / no enterprise with this credit code");
        var fact = await SupersedeAndAddAsync(campaign, enterprise, departmentId, inputId, value, cancellationToken);
        await db.Because(reason ?? "部门数据报送 / department data").SaveChangesAsync(cancellationToken);
        return (fact, null);
    }

    private async Task<Fact> SupersedeAndAddAsync(Campaign campaign, Enterprise enterprise, string departmentId,
        string inputId, string value, CancellationToken cancellationToken)
    {
        var fact = new Fact(Guid.NewGuid(), campaign.Id, enterprise.Id, inputId, FactValue.From(value), FactOrigin.Department,
            departmentId, actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
        var previous = await db.Facts.Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == enterprise.Id
                && f.InputId == inputId && f.DepartmentId == departmentId && f.SupersededById == null)
            .ToListAsync(cancellationToken);
        db.Facts.Add(fact);
        foreach (var old in previous) old.SupersedeWith(fact);
        return fact;
    }
}
