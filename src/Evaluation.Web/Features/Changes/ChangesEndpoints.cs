using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Changes;

[Description("一条评价结果或联合奖惩措施的变更 / one change of a rating or of a joint measure")]
internal sealed record ChangeItem(
    [property: Description("变更流中的序号，从1起递增、不重复（其他单位措施的序号不出现）；作为下一次的 after / the change's position in the feed, " +
        "increasing from 1, never repeated (those of other departments' measures are not shown); pass it as `after`")] long Sequence,
    [property: Description("变更的唯一标识（重复投递时相同）/ the change's id (the same when a delivery is repeated)")] Guid Id,
    [property: Description("变更类型：Published 发布，Expired 到期，Revoked 撤销，Downgraded 降级（评价结果）；MeasureStarted 措施开始，" +
        "MeasureEnded 措施终止，MeasureExpired 措施到期（联合奖惩措施）/ the kind of change: of a rating (Published … Downgraded) or of a joint measure (Measure…)")] ChangeKind Kind,
    [property: Description("发生时间（UTC）/ when it happened (UTC)")] DateTime OccurredAt,
    [property: Description("统一社会信用代码 / unified social credit code")] string CreditCode,
    [property: Description("企业名称 / the enterprise's name")] string Enterprise,
    [property: Description("评价年度；措施的变更为 null / the campaign year; null for a measure's change")] int? Year,
    [property: Description("变更后的等级；撤销及措施的变更为 null / the grade after the change; null when revoked and for a measure's change")] Grade? Grade,
    [property: Description("降级前的等级，其他变更为 null / the grade before a downgrade; null otherwise")] Grade? PreviousGrade,
    [property: Description("评价结果有效期起；措施的变更为 null / the rating's validity from; null for a measure's change")] DateOnly? ValidFrom,
    [property: Description("评价结果有效期止（含）；措施的变更为 null / the rating's validity to (inclusive); null for a measure's change")] DateOnly? ValidTo,
    [property: Description("公开的理由（撤销、降级、措施终止或到期）/ the public reason (a revocation, a downgrade, a measure's end or expiry)")] string? Reason,
    [property: Description("联合奖惩措施（措施的变更）；评价结果的变更为 null / the joint measure, for a measure's change; null for a rating's")] MeasureChange? Measure)
{
    public static ChangeItem Of(FeedChange f) => new(f.Sequence!.Value, f.Id, f.Kind, f.OccurredAt, f.CreditCode, f.Enterprise, f.Year,
        f.Grade, f.PreviousGrade, f.ValidFrom, f.ValidTo, f.Reason, MeasureChange.Of(f));
}

[Description("变更所涉的联合奖惩措施 / the joint incentive or sanction a change is about")]
internal sealed record MeasureChange(
    [property: Description("措施标识，如 special-funds、key-supervision / the measure's id, such as special-funds or key-supervision")] string Id,
    [property: Description("措施名称（中文）/ the measure's name in Chinese")] string NameZh,
    [property: Description("措施名称（英文）/ the measure's name in English")] string NameEn,
    [property: Description("Incentive 激励，Sanction 惩戒 / an incentive or a sanction")] Measures.MeasureKind Kind,
    [property: Description("实施措施的成员单位 / the member department applying it")] string Department,
    [property: Description("措施起始日 / the first day it applies")] DateOnly StartsOn,
    [property: Description("措施截止日（含）；null 为无固定期限 / its last day (inclusive); null when open-ended")] DateOnly? EndsOn)
{
    public static MeasureChange? Of(FeedChange f)
    {
        if (f.MeasureId is not { } id) return null;
        var measure = Measures.JointMeasures.Find(id);
        return new MeasureChange(id, measure?.NameZh ?? id, measure?.NameEn ?? id, f.MeasureKind!.Value, f.DepartmentId!, f.StartsOn!.Value, f.EndsOn);
    }
}

[Description("变更流的一页 / one page of the change feed")]
internal sealed record ChangePage(
    [property: Description("按序号排列的变更 / the changes, in sequence order")] IReadOnlyList<ChangeItem> Changes,
    [property: Description("下一页的 after：本页最后一条的序号（无变更时为请求的 after）/ `after` for the next page: the last sequence here (the requested `after` when empty)")] long Next,
    [property: Description("是否还有更多 / whether more changes follow")] bool HasMore);

[Description("订阅请求 / a subscription request")]
internal sealed record SubscriptionRequest(
    [property: Description("接收推送的地址，须为 https（本机回环地址可用 http）/ the URL to call; https (http only for a loopback address)")] string Url,
    [property: Description("要接收的变更类型，缺省为全部 / the kinds of change wanted; all when omitted")] IReadOnlyList<ChangeKind>? Kinds = null,
    [property: Description("从哪个序号之后开始推送，缺省为当前最新（只推送今后的变更）/ deliver the changes after this sequence; by default the latest (only changes from now on)")] long? After = null);

[Description("本单位的一个推送订阅 / one of this department's webhook subscriptions")]
internal sealed record SubscriptionView(
    [property: Description("订阅标识 / the subscription's id")] Guid Id,
    [property: Description("接收地址 / the URL called")] string Url,
    [property: Description("接收的变更类型 / the kinds of change delivered")] IReadOnlyList<ChangeKind> Kinds,
    [property: Description("状态：Pending 待评价中心批准，Approved 推送中，Rejected 已拒绝，Suspended 已暂停 / the status")] SubscriptionStatus Status,
    [property: Description("已确认接收的最后序号 / the last sequence the receiver acknowledged")] long DeliveredThrough,
    [property: Description("连续失败次数 / consecutive failed attempts")] int Failures,
    [property: Description("下次重试时间（UTC）/ the next retry (UTC)")] DateTime? NextAttemptAt,
    [property: Description("最近的错误 / the last error")] string? LastError,
    [property: Description("签名密钥，仅在创建时返回一次 / the signing secret, returned once, on creation")] string? Secret)
{
    public static SubscriptionView Of(WebhookSubscription s, string? secret = null) =>
        new(s.Id, s.Url, s.KindList, s.Status, s.DeliveredThrough, s.Failures, s.NextAttemptAt, s.LastError, secret);
}

/// <summary>GET /api/v1/changes (the cursor-paged feed) and the department's webhook subscriptions.</summary>
internal static class ChangesEndpoints
{
    public const int MaxLimit = 500;

    public static async Task<IResult> FeedAsync(
        [Description("返回此序号之后的变更；首次为 0 / changes after this sequence; 0 the first time"), DefaultValue(0L), Range(0, long.MaxValue)] long? after,
        [Description("每页条数，1–500，缺省 100 / page size, 1–500, default 100"), DefaultValue(100), Range(1, MaxLimit)] int? limit,
        HttpContext http, EvaluationDbContext db, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        var (from, size) = (after ?? 0, limit ?? 100);
        var errors = new List<FieldError>();
        if (from < 0) errors.Add(new FieldError(null, "after", "不得为负 / must not be negative"));
        if (size is < 1 or > MaxLimit) errors.Add(new FieldError(null, "limit", $"须为1至{MaxLimit} / must be 1 to {MaxLimit}"));
        if (errors.Count > 0) return ApiProblems.Result(ApiProblems.Validation, "查询参数有误 / invalid query parameters", errors);
        var page = await db.Set<FeedChange>().AsNoTracking().Where(f => f.Sequence > from).Where(FeedChange.VisibleTo(department)).OrderBy(f => f.Sequence)
            .Take(size + 1).ToListAsync(cancellationToken);
        var items = page.Take(size).Select(ChangeItem.Of).ToList();
        return TypedResults.Ok(new ChangePage(items, items.Count > 0 ? items[^1].Sequence : from, page.Count > size));
    }

    public static async Task<IResult> SubscribeAsync(SubscriptionRequest request, HttpContext http, EvaluationDbContext db,
        ChangeDispatcher dispatcher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return ApiProblems.Result(ApiProblems.Validation, "订阅请求有误 / invalid subscription request", errors);
        var (subscription, secret) = await RequestAsync(request, http.User.DepartmentId()!, http.User.Identity!.Name!, db, dispatcher, clock,
            "部门系统申请推送订阅 / webhook subscription requested", cancellationToken);
        return TypedResults.Created($"/api/v1/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription, secret));
    }

    /// <summary>
    /// Records a valid request (<see cref="Validate"/>) as a pending subscription, for the API and the department's page alike;
    /// returns the signing secret, which is stored only encrypted and shown to the department this once.
    /// </summary>
    public static async Task<(WebhookSubscription Subscription, string Secret)> RequestAsync(SubscriptionRequest request, string departmentId,
        string requestedBy, EvaluationDbContext db, ChangeDispatcher dispatcher, TimeProvider clock, string reason, CancellationToken cancellationToken)
    {
        var head = await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0;
        var secret = WebhookSignature.NewSecret();
        var kinds = request.Kinds is { Count: > 0 } wanted ? wanted : Enum.GetValues<ChangeKind>();
        var subscription = new WebhookSubscription(Guid.NewGuid(), departmentId, request.Url.Trim(), kinds.ToList(),
            Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(dispatcher.Secrets, secret), Math.Min(request.After ?? head, head),
            requestedBy, clock.GetUtcNow().UtcDateTime);
        db.Add(subscription);
        await db.Because(reason).SaveChangesAsync(cancellationToken);
        return (subscription, secret);
    }

    public static async Task<IResult> ListAsync(HttpContext http, EvaluationDbContext db, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        var mine = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.DepartmentId == department)
            .OrderBy(s => s.RequestedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(mine.Select(s => SubscriptionView.Of(s)).ToList());
    }

    public static List<FieldError> Validate(SubscriptionRequest request)
    {
        var errors = new List<FieldError>();
        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || request.Url!.Trim().Length > 500)
            errors.Add(new FieldError(null, "url", "须为完整的 https 地址（至多500字符）/ must be an absolute https URL (at most 500 characters)"));
        else if (url.Scheme == "http" && !url.IsLoopback)
            errors.Add(new FieldError(null, "url", "须使用 https（仅本机回环地址可用 http）/ must be https (http only for a loopback address)"));
        if (request.After is < 0) errors.Add(new FieldError(null, "after", "不得为负 / must not be negative"));
        return errors;
    }
}
