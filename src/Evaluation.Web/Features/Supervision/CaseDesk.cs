using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Supervision;

/// <summary>
/// The centre's decision on a case: confirm (revoke the rating, or downgrade it to a named grade, the reason
/// published in the directory) or dismiss with a reason. Each decision is one audited save.
/// </summary>
internal sealed class CaseDesk(EvaluationDbContext db, AuditActor actor, TimeProvider clock, MeasureKeeper measures)
{
    /// <summary>Null when done, else what is wrong (the case or rating changed meanwhile, a missing reason, a grade that is no downgrade).</summary>
    public async Task<string?> ConfirmAsync(Guid caseId, Grade? downgradeTo, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "请填写公开的理由 / a public reason is required";
        if (Shared.FreeText.Problem(reason.Trim(), 1000, "理由 / reason", multiline: true) is { } problem) return problem;
        var @case = await db.Set<SupervisionCase>().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is not { Status: CaseStatus.Open }) return "此案件已处理 / this case is already decided";
        var rating = await db.Ratings.SingleAsync(r => r.Id == @case.RatingId, cancellationToken);
        if (rating.Status != RatingStatus.Published) return "该评价等级已撤销 / the rating is already revoked";
        if (downgradeTo is { } to && to <= rating.Grade)
            return $"降级须低于当前等级 {rating.Grade} / a downgrade must be below the current grade {rating.Grade}";
        var now = clock.GetUtcNow().UtcDateTime;
        var from = rating.Grade;
        reason = reason.Trim();
        if (downgradeTo is { } grade) rating.Downgrade(grade, reason);
        else rating.Revoke(reason, now);
        @case.Confirm(downgradeTo, reason, actor.Name, now);
        db.Add(new RatingChange(Guid.NewGuid(), rating.Id, rating.EnterpriseId,
            downgradeTo is null ? RatingChangeKind.Revoked : RatingChangeKind.Downgraded, from, downgradeTo, reason, now, @case.Id));
        await db.Because($"动态管理 {@case.VetoId}：{(downgradeTo is null ? "撤销" : $"降为{downgradeTo}")} / case confirmed: {reason}")
            .SaveChangesAsync(cancellationToken);
        // A revoked or lowered rating changes the joint measures it carried.
        await measures.ReevaluateAsync(rating.EnterpriseId, downgradeTo is null ? "评价等级撤销 / rating revoked" : $"评价等级降为 {downgradeTo} / rating downgraded",
            cancellationToken);
        return null;
    }

    public async Task<string?> DismissAsync(Guid caseId, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "请填写驳回理由 / a reason is required";
        if (Shared.FreeText.Problem(reason.Trim(), 1000, "理由 / reason", multiline: true) is { } problem) return problem;
        var @case = await db.Set<SupervisionCase>().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is not { Status: CaseStatus.Open }) return "此案件已处理 / this case is already decided";
        @case.Dismiss(reason, actor.Name, clock.GetUtcNow().UtcDateTime);
        await db.Because($"动态管理 {@case.VetoId}：不予处理 / case dismissed: {reason.Trim()}").SaveChangesAsync(cancellationToken);
        return null;
    }
}
