using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// The Idempotency-Key rule of the department API, one implementation for every batch endpoint. The key's claim (a
/// row, primary key per department and key) and the batch's work are one transaction: the claim is inserted first,
/// the batch applied inside the same transaction (its writers join it, see <see cref="Transactions.BeginOrJoinAsync"/>),
/// and the answer stored in the claim just before the commit. So a claim exists only with its batch applied and its
/// answer, which a retry gets byte for byte; a rejection, a crash of the app or of the database, or the client hanging
/// up before the commit leave neither, and the retry applies the batch exactly once. A concurrent retry with the same
/// key waits on the uncommitted claim and then replays its answer (or, if the first one rolled back, applies itself).
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
        if (await AnsweredAsync(db, department, key, hash, cancellationToken) is { } answered) return answered;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Set<IdempotentRequest>().Add(new IdempotentRequest(department, key, hash, 0, "", clock.GetUtcNow().UtcDateTime));
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // The same key committed by a concurrent request while this one waited on its claim.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await AnsweredAsync(db, department, key, hash, cancellationToken) ?? InProgress();
        }

        var result = await apply();
        if (success(result) is not { } json) return result; // disposing the transaction rolls the claim back with the batch
        // Not the request's token from here: the batch is applied, and a client hanging up must not undo it half-way.
        await db.Set<IdempotentRequest>().Where(r => r.DepartmentId == department && r.Key == key)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, StatusCodes.Status200OK).SetProperty(x => x.Response, json), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>The answer to a key already used: the stored success, or 422 for another batch under the same key.</summary>
    private static async Task<IResult?> AnsweredAsync(EvaluationDbContext db, string department, string key, string hash,
        CancellationToken cancellationToken)
    {
        var seen = await db.Set<IdempotentRequest>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.DepartmentId == department && r.Key == key, cancellationToken);
        if (seen is null) return null;
        if (seen.InProgress)
        {
            // A claim committed without its answer is what versions before the one-transaction rule left behind when
            // they crashed mid-batch; its batch never committed, so it is released and this request applies its batch.
            await db.Set<IdempotentRequest>().Where(r => r.DepartmentId == department && r.Key == key && r.Status == 0)
                .ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        return seen.RequestHash != hash
            ? ApiProblems.Result(ApiProblems.IdempotencyKeyReused, "此幂等键已用于内容不同的另一批数据 / this Idempotency-Key was used for a different batch")
            : TypedResults.Text(seen.Response, "application/json", Encoding.UTF8, seen.Status);
    }

    private static IResult InProgress() =>
        ApiProblems.Result(ApiProblems.IdempotencyInProgress, "同一幂等键的请求正在处理，请稍后重试 / a request with this Idempotency-Key is being processed; retry later");
}
