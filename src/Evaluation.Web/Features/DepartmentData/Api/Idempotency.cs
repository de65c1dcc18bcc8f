using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// The Idempotency-Key rule of the department API, one implementation for every batch endpoint. The key is claimed
/// (a row, primary key per department and key) before any work, so of two concurrent retries only one applies the
/// batch and the other is told to retry later. A success is remembered and replayed byte for byte; a rejection, or
/// a failure of any kind (a database error, the client hanging up), releases the key, so a corrected or repeated
/// batch can use it again — a claim is never left "in progress" for ever.
/// </summary>
internal static class Idempotency
{
    private const int MaxKey = 100;

    /// <param name="prefix">Keeps one endpoint's keys apart from another's in the shared table.</param>
    /// <param name="success">The JSON to remember when <paramref name="apply"/>'s result is a success; null otherwise.</param>
    public static async Task<IResult> RunAsync<TBatch>(HttpContext http, EvaluationDbContext db, TimeProvider clock, string department,
        string prefix, TBatch batch, Func<Task<IResult>> apply, Func<IResult, string?> success, CancellationToken cancellationToken)
    {
        var given = http.Request.Headers["Idempotency-Key"].ToString();
        if (given.Length == 0) return await apply();
        if (given.Length > MaxKey - prefix.Length)
            return ApiProblems.Result(ApiProblems.Validation, "幂等键过长 / the Idempotency-Key is too long",
                [new FieldError(null, "Idempotency-Key", $"最多 {MaxKey - prefix.Length} 个字符 / at most {MaxKey - prefix.Length} characters")]);
        var key = prefix + given;
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(batch)));
        var seen = await db.Set<IdempotentRequest>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.DepartmentId == department && r.Key == key, cancellationToken);
        if (seen is not null)
            return seen.RequestHash != hash
                ? ApiProblems.Result(ApiProblems.IdempotencyKeyReused, "此幂等键已用于内容不同的另一批数据 / this Idempotency-Key was used for a different batch")
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
        try { result = await apply(); }
        catch
        {
            await SettleAsync(db, claim, null);
            throw;
        }
        // Not the request's token: once the batch is committed, a client hanging up must not leave the key claimed.
        await SettleAsync(db, claim, success(result));
        return result;
    }

    private static async Task SettleAsync(EvaluationDbContext db, IdempotentRequest claim, string? successJson)
    {
        db.ChangeTracker.Clear(); // a commit may have cleared or filled the tracker; attach the claim afresh
        db.Attach(claim);
        if (successJson is not null) claim.Complete(StatusCodes.Status200OK, successJson);
        else db.Remove(claim);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static IResult InProgress() =>
        ApiProblems.Result(ApiProblems.IdempotencyInProgress, "同一幂等键的请求正在处理，请稍后重试 / a request with this Idempotency-Key is being processed; retry later");
}
