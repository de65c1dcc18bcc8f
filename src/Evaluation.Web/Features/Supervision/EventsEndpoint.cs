using System.Text.Json;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Supervision;

/// <summary>One event in a department system's batch; <c>type</c> is the catalogue input it sets (see the department's event types).</summary>
internal sealed record EventItem(string? CreditCode, string? Type, string? Value, DateOnly? OccurredOn, string? Note);

/// <summary>What is wrong with one item of a batch, by its index (as /api/v1/facts reports).</summary>
internal sealed record EventItemError(int Index, string Field, string Message);

internal sealed record EventErrors(IReadOnlyList<EventItemError> Errors);

internal sealed record EventsResult(int Received, int CasesOpened, IReadOnlyList<string> VetoesFired);

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
        // "[null]" binds to an array holding a null: name the item instead of failing on it.
        var nulls = batch.Select((e, i) => (e, i)).Where(x => x.e is null).Select(x => new EventItemError(x.i, "item", "null item")).ToList();
        if (nulls.Count > 0) return TypedResults.BadRequest(new EventErrors(nulls));
        var requests = batch.Select((e, i) => new EventRequest(i, e.CreditCode, e.Type, e.Value, e.OccurredOn, e.Note)).ToList();
        var outcome = await recorder.RecordEventsAsync(department, requests, "部门系统接口：监管事件 / department API: events", cancellationToken);
        var errors = new EventErrors(outcome.Errors.Select(e => new EventItemError(e.Row, e.Field, e.Message)).ToList());
        if (outcome.Forbidden) return TypedResults.Json(errors, statusCode: StatusCodes.Status403Forbidden);
        if (!outcome.Succeeded) return TypedResults.BadRequest(errors);
        return TypedResults.Ok(new EventsResult(batch.Length, outcome.CasesOpened.Count, outcome.VetoesFired));
    }
}
