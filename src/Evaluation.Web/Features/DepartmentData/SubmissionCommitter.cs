using Evaluation.Web.Features.Audit;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Applies a checked submission in one transaction: each change adds a fact version and supersedes the
/// department's previous one, each with its audit entry. Written with multi-row statements (<see cref="BulkWrite"/>)
/// in chunks, not through the change tracker: a 100,000-row file is 300,000 facts and as many audit entries,
/// which EF's per-entity bookkeeping made a minute's work. The transaction still makes it all or nothing, and a
/// previous value superseded by someone else meanwhile — or a first value someone else supplied meanwhile, seen
/// under the department's write lock — aborts the whole submission.
/// </summary>
internal sealed class SubmissionCommitter(EvaluationDbContext db, AuditActor actor, TimeProvider clock)
{
    private const int ChunkSize = 5000;

    /// <summary>What a user is told when <see cref="CommitAsync"/> lost a race (409): nothing was stored.</summary>
    public const string ChangedMeanwhile =
        "数值已被他人更改，未保存任何数据；请查看当前值后重试。 / Changed by someone else meanwhile: nothing was saved. Check the current values and try again.";

    /// <exception cref="DbUpdateConcurrencyException">A value this submission supersedes was superseded by someone else
    /// since it was checked; the transaction is rolled back. Callers answer 409 with <see cref="ChangedMeanwhile"/>.</exception>
    public async Task<int> CommitAsync(Campaign campaign, string departmentId, IReadOnlyList<FactChange> changes,
        string defaultReason, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var factType = db.Model.FindEntityType(typeof(Fact))!;
        var (name, userId) = (actor.Name, actor.UserId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DepartmentWriteLock.AcquireAsync(db, campaign.Id, departmentId, cancellationToken);
        await RefuseFirstValuesTakenAsync(campaign.Id, departmentId, changes, cancellationToken);
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            var facts = new List<Fact>(chunk.Length);
            var audit = new List<AuditEntry>(chunk.Length * 2);
            var superseded = new List<(Guid Key, Guid Value)>();
            foreach (var change in chunk)
            {
                var reason = change.Note ?? defaultReason;
                var fact = new Fact(Guid.NewGuid(), campaign.Id, change.EnterpriseId, change.InputId, FactValue.From(change.New),
                    FactOrigin.Department, departmentId, userId, name, now);
                facts.Add(fact);
                audit.Add(AuditTrail.Added(factType, fact, name, userId, now, reason));
                if (change.SupersedesFactId is not { } old) continue;
                superseded.Add((old, fact.Id));
                audit.Add(AuditTrail.Modified(nameof(Fact), old.ToString(), nameof(Fact.SupersededById), null, fact.Id,
                    name, userId, now, reason));
            }
            await BulkWrite.InsertAsync(db, facts, cancellationToken);
            var changed = await BulkWrite.SetWhereNullAsync<Fact>(db, nameof(Fact.Id), nameof(Fact.SupersededById), superseded, cancellationToken);
            if (changed != superseded.Count)
                throw new DbUpdateConcurrencyException(
                    $"{superseded.Count - changed} 个原值已被他人更正 / value(s) were corrected by someone else meanwhile; nothing was saved.");
            await BulkWrite.InsertAsync(db, audit, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>
    /// A change checked as an input's first value (nothing to supersede) finds one now: someone else supplied it since
    /// the check. Looked for once, under <see cref="DepartmentWriteLock"/> (nothing can slip in after this look) and
    /// before writing, so it reads only the values that were there already: none for a first import. A small
    /// submission looks only at its own enterprises; a large one reads the department's current values once (a list
    /// of 30,000 enterprises in one query was slower than that read).
    /// </summary>
    private async Task RefuseFirstValuesTakenAsync(Guid campaignId, string departmentId, IReadOnlyList<FactChange> changes,
        CancellationToken cancellationToken)
    {
        var first = changes.Where(c => c.SupersedesFactId is null).Select(c => (c.EnterpriseId, c.InputId)).ToHashSet();
        if (first.Count == 0) return;
        var current = db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaignId && f.DepartmentId == departmentId && f.SupersededById == null);
        var enterprises = first.Select(f => f.EnterpriseId).Distinct().ToList();
        if (enterprises.Count <= 500) current = current.Where(f => enterprises.Contains(f.EnterpriseId));
        var taken = 0;
        await foreach (var f in current.Select(f => new { f.EnterpriseId, f.InputId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (first.Contains((f.EnterpriseId, f.InputId))) taken++;
        if (taken > 0)
            throw new DbUpdateConcurrencyException(
                $"{taken} 个数值已由他人先行报送 / value(s) were first supplied by someone else meanwhile; nothing was saved.");
    }
}
