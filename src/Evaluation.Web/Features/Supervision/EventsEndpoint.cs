using System.Security.Cryptography;
using System.Text;
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
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0) return await ApplyAsync(batch, department, recorder, cancellationToken);
        if (key.Length > 100 - Prefix.Length) return TypedResults.Problem($"Idempotency-Key is at most {100 - Prefix.Length} characters", statusCode: 400);
        key = Prefix + key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(batch)));
        var seen = await db.Set<IdempotentRequest>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.DepartmentId == department && r.Key == key, cancellationToken);
        if (seen is not null)
            return seen.RequestHash != hash
                ? TypedResults.Problem("this Idempotency-Key was used for a different batch", statusCode: StatusCodes.Status422UnprocessableEntity)
                : seen.InProgress ? InProgress() : TypedResults.Text(seen.Response, "application/json", Encoding.UTF8, seen.Status);
        var claim = new IdempotentRequest(department, key, hash, 0, "", clock.GetUtcNow().UtcDateTime);
        db.Set<IdempotentRequest>().Add(claim);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return InProgress();
        }
        IResult result;
        try { result = await ApplyAsync(batch, department, recorder, cancellationToken); }
        catch
        {
            db.ChangeTracker.Clear();
            db.Remove(claim);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        db.ChangeTracker.Clear();
        db.Attach(claim);
        if (result is Ok<EventsResult> ok) claim.Complete(StatusCodes.Status200OK, JsonSerializer.Serialize(ok.Value, JsonSerializerOptions.Web));
        else db.Remove(claim); // a rejected batch stored nothing: a corrected retry may use the key
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static async Task<IResult> ApplyAsync(EventItem[] batch, string department, SupervisionRecorder recorder, CancellationToken cancellationToken)
    {
        var requests = batch.Select((e, i) => new EventRequest(i, e.CreditCode, e.Type, e.Value, e.OccurredOn, e.Note)).ToList();
        var outcome = await recorder.RecordEventsAsync(department, requests, "部门系统接口：监管事件 / department API: events", cancellationToken);
        var errors = new EventErrors(outcome.Errors.Select(e => new EventItemError(e.Row, e.Field, e.Message)).ToList());
        if (outcome.Forbidden) return TypedResults.Json(errors, statusCode: StatusCodes.Status403Forbidden);
        if (!outcome.Succeeded) return TypedResults.BadRequest(errors);
        return TypedResults.Ok(new EventsResult(batch.Length, outcome.CasesOpened.Count, outcome.VetoesFired));
    }

    private static IResult InProgress() =>
        TypedResults.Problem("a request with this Idempotency-Key is being processed; retry later", statusCode: StatusCodes.Status409Conflict);
}
