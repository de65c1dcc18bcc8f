using System.ComponentModel;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>What is wrong with one field: of the batch item at <c>index</c>, or of the request itself (a header, a parameter) when index is null.</summary>
[Description("字段错误 / a field error")]
internal sealed record FieldError(
    [property: Description("批次中的条目序号（从0起）；请求头或参数的错误为 null / the item's position in the batch (from 0); null for a header or parameter")] int? Index,
    [property: Description("字段名 / the field, header or parameter")] string Field,
    [property: Description("错误说明（中文 / English）/ what is wrong, in Chinese and English")] string Message);

/// <summary>
/// The body of every error answer on /api/v1 (RFC 9457 problem details, application/problem+json): the shape the
/// OpenAPI document describes. It is written by the framework's <see cref="IProblemDetailsService"/>
/// (AddProblemDetails), whose ProblemDetails carries the same members.
/// </summary>
[Description("问题详情（RFC 9457）/ problem details (RFC 9457)")]
internal sealed record Problem(
    [property: Description("错误类型，稳定的 URI，客户端据此分支 / the error's stable type URI; branch on this")] string Type,
    [property: Description("错误类型的标题 / the type's title")] string Title,
    [property: Description("HTTP 状态码 / the HTTP status")] int Status,
    [property: Description("本次错误的说明 / what went wrong this time")] string? Detail,
    [property: Description("出错的请求路径 / the request path")] string? Instance,
    [property: Description("逐字段的错误（400、403）/ every field error (400, 403)")] IReadOnlyList<FieldError>? Errors,
    [property: Description("请求的跟踪标识，报告问题时请提供 / the request's trace id; quote it when reporting a problem")] string? TraceId);

/// <summary>
/// The department API's errors, one stable <c>type</c> each (listed in docs/department-data.md): clients branch on
/// the type, never on the wording. Every error of /api/v1 — the endpoints' own, the framework's empty status codes
/// (401, 404, 405, 413, 415, 429) and unhandled exceptions (500, or 503 when the database is unreachable) — leaves
/// as application/problem+json in every environment (<see cref="ApiProblemsMiddleware"/>).
/// </summary>
internal static class ApiProblems
{
    public const string TypePrefix = "urn:harmonious-enterprise:problem:";

    public static readonly ProblemKind Validation = new("validation", 400, "请求内容有误 / The request is invalid");
    public static readonly ProblemKind MalformedRequest = new("malformed-request", 400, "请求无法解析 / The request cannot be read");
    public static readonly ProblemKind Unauthenticated = new("unauthenticated", 401, "缺少或无效的令牌 / A valid bearer token is required");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "无权执行此操作 / Not allowed for this token");
    public static readonly ProblemKind ForeignInput = new("foreign-input", 403, "数据项不归本单位报送 / An input belongs to another department");
    public static readonly ProblemKind NotFound = new("not-found", 404, "未找到 / Not found");
    public static readonly ProblemKind MethodNotAllowed = new("method-not-allowed", 405, "不支持此方法 / Method not allowed");
    public static readonly ProblemKind NoOpenCampaign = new("no-open-campaign", 409, "当前没有开放报送的评价批次 / No campaign is open for department data");
    public static readonly ProblemKind IdempotencyInProgress = new("idempotency-in-progress", 409, "同一幂等键的请求正在处理 / A request with this Idempotency-Key is in progress");
    public static readonly ProblemKind ChangedMeanwhile = new("changed-meanwhile", 409, "数据已被他人修改 / The data changed meanwhile");
    public static readonly ProblemKind SubscriptionState = new("subscription-state", 409, "订阅状态不允许此操作 / The subscription's state does not allow this");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "请求体过大 / The request body is too large");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "请以 application/json 发送 / Send application/json");
    public static readonly ProblemKind IdempotencyKeyReused = new("idempotency-key-reused", 422, "幂等键已用于另一批数据 / This Idempotency-Key was used for a different batch");
    public static readonly ProblemKind RateLimited = new("rate-limited", 429, "请求过于频繁 / Too many requests");
    public static readonly ProblemKind InternalError = new("internal-error", 500, "服务器内部错误 / Internal server error");
    public static readonly ProblemKind Unavailable = new("unavailable", 503, "服务暂不可用，请稍后重试 / Service unavailable; retry later");

    private static readonly ProblemKind[] ForBareStatus =
        [MalformedRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType, RateLimited, InternalError, Unavailable];

    /// <summary>The kind a status code means when the framework answered it without a body.</summary>
    public static ProblemKind ForStatus(int status) =>
        ForBareStatus.FirstOrDefault(k => k.Status == status) ?? new ProblemKind($"http-{status}", status, $"HTTP {status}");

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>An endpoint's error answer, written through the problem details service (so it has the trace id too).</summary>
    public static IResult Result(ProblemKind kind, string detail, IReadOnlyList<FieldError>? errors = null) =>
        TypedResults.Problem(Details(kind, detail, errors));

    public static ProblemDetails Details(ProblemKind kind, string? detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails { Type = kind.Type, Title = kind.Title, Status = kind.Status, Detail = detail };
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    /// <summary>
    /// AddProblemDetails with the API's conventions: the request path as instance, and the kind's own type and
    /// title in place of the framework's generic RFC 9110 links (for problems the framework itself raises).
    /// </summary>
    public static IServiceCollection AddApiProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (!IsApi(context.HttpContext)) return;
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            if (problem.Type is null || !problem.Type.StartsWith(TypePrefix, StringComparison.Ordinal))
            {
                var kind = ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
                (problem.Type, problem.Title) = (kind.Type, kind.Title);
            }
        });
}

/// <summary>One kind of API error: its stable type URI, status and bilingual title.</summary>
internal sealed record ProblemKind(string Slug, int Status, string Title)
{
    public string Type => ApiProblems.TypePrefix + Slug;
}
