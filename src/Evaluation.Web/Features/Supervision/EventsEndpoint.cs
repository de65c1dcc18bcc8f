using System.ComponentModel;
using System.Text.Json;
using Evaluation.Web.Features.DepartmentData.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Web.Features.Supervision;

/// <summary>One event in a department system's batch; <c>type</c> is the catalogue input it sets (see the department's event types).</summary>
[Description("一条监管事件 / one supervision event")]
internal sealed record EventItem(
    [property: Description("企业统一社会信用代码 / the enterprise's unified social credit code")] string CreditCode,
    [property: Description("事件类型：本单位负责的一票否决数据项标识 / the event type: a veto input this department owns")] string Type,
    [property: Description("发生日期（宁波时间）/ the day it happened (Ningbo time)")] DateOnly OccurredOn,
    [property: Description("事件的值（可选，缺省为发生一次）/ the event's value (optional; one occurrence by default)")] string? Value = null,
    [property: Description("备注 / a note")] string? Note = null);

[Description("事件批次处理结果 / the event batch's outcome")]
internal sealed record EventsResult(
    [property: Description("收到的事件数 / events received")] int Received,
    [property: Description("因此立案的动态管理案件数 / dynamic-management cases opened")] int CasesOpened,
    [property: Description("触发的一票否决标识 / the vetoes fired")] IReadOnlyList<string> VetoesFired);

/// <summary>
/// POST /api/v1/events: supervision events from a department's system, all or nothing, with the checks of
/// the page. Another department's input is 403 for the whole batch, any invalid item 400 with every error;
/// in both nothing is stored. An Idempotency-Key is claimed in the department API's table (prefixed
/// "events:") before the batch is applied; a success is replayed byte for byte, so a retried batch never
/// records the events twice (an event, unlike a value, is not idempotent by itself: a count goes up).
/// </summary>
internal static class EventsEndpoint
{
    private const string Prefix = "events:";

    public static async Task<IResult> PostAsync(EventItem[] batch, HttpContext http, EvaluationDbContext db, SupervisionRecorder recorder,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        return await Idempotency.RunAsync(http, db, clock, department, Prefix, batch,
            () => ApplyAsync(batch, department, recorder, cancellationToken),
            result => result is Ok<EventsResult> ok ? JsonSerializer.Serialize(ok.Value, JsonSerializerOptions.Web) : null,
            cancellationToken);
    }

    private static async Task<IResult> ApplyAsync(EventItem[] batch, string department, SupervisionRecorder recorder, CancellationToken cancellationToken)
    {
        // "[null]" never gets here: the /api/v1 group refuses null items, naming them (ApiExtensions.RefuseNullItems).
        var requests = batch.Select((e, i) => new EventRequest(i, e.CreditCode, e.Type, e.Value, e.OccurredOn == default ? null : e.OccurredOn, e.Note)).ToList();
        var outcome = await recorder.RecordEventsAsync(department, requests, "部门系统接口：监管事件 / department API: events", cancellationToken);
        var errors = outcome.Errors.Select(e => new FieldError(e.Row, e.Field, e.Message)).ToList();
        if (outcome.Forbidden)
            return ApiProblems.Result(ApiProblems.ForeignInput, $"{errors.Count} 条事件归其他单位 / {errors.Count} event(s) of another department", errors);
        if (!outcome.Succeeded)
            return ApiProblems.Result(ApiProblems.Validation, $"{errors.Count} 处错误，未记录任何事件 / {errors.Count} error(s); nothing was recorded", errors);
        return TypedResults.Ok(new EventsResult(batch.Length, outcome.CasesOpened.Count, outcome.VetoesFired));
    }
}
