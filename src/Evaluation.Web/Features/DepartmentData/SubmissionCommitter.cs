using Evaluation.Web.Features.Audit;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Applies a checked submission in one transaction: each change adds a fact version and supersedes the
/// department's previous one. Saved in chunks with the change tracker cleared between them, so a
/// 100,000-row file does not hold every entity in memory; the transaction still makes it all or nothing.
/// </summary>
internal sealed class SubmissionCommitter(EvaluationDbContext db, AuditActor actor, TimeProvider clock)
{
    private const int ChunkSize = 2000;

    public async Task<int> CommitAsync(Campaign campaign, string departmentId, IReadOnlyList<FactChange> changes,
        string defaultReason, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The audit reason is per save, and each line may carry its own note: save one note's changes together.
        foreach (var group in changes.GroupBy(c => c.Note ?? defaultReason, StringComparer.Ordinal))
            foreach (var chunk in group.Chunk(ChunkSize))
                await SaveChunkAsync(campaign, departmentId, chunk, group.Key, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    private async Task SaveChunkAsync(Campaign campaign, string departmentId, FactChange[] chunk, string reason,
        DateTime now, CancellationToken cancellationToken)
    {
        var supersededIds = chunk.Where(c => c.SupersedesFactId is not null).Select(c => c.SupersedesFactId!.Value).ToList();
        var previous = supersededIds.Count == 0 ? [] : await db.Facts.Where(f => supersededIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        foreach (var change in chunk)
        {
            var fact = new Fact(Guid.NewGuid(), campaign.Id, change.EnterpriseId, change.InputId, FactValue.From(change.New),
                FactOrigin.Department, departmentId, actor.UserId, actor.Name, now);
            db.Facts.Add(fact);
            if (change.SupersedesFactId is { } old) previous[old].SupersedeWith(fact);
        }
        await db.Because(reason).SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
