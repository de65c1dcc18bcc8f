using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// Records a <see cref="FeedChange"/> in the same save as every rating publication, revocation and downgrade, and
/// every start and end of a joint measure (<see cref="MeasureRecord"/>, kept by <see cref="MeasureKeeper"/>), so the
/// feed can never miss one or report one that was rolled back (an outbox: the save commits both or neither). After a
/// save that recorded any, the dispatcher is woken to number and deliver them. A rating's expiry is not a save; the
/// dispatcher finds it by date. A measure's expiry is the sweep's save ending it, reported as MeasureExpired.
/// </summary>
internal sealed class ChangeCapture(ChangeSignal signal, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EvaluationDbContext db) await CaptureAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is EvaluationDbContext db) CaptureAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return result;
    }

    private void Wake(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<FeedChange>().Any()) signal.Wake();
    }

    private async Task CaptureAsync(EvaluationDbContext db, CancellationToken cancellationToken)
    {
        // The audit trail has just detected changes for this save; a second scan of a large tracker (an import) is not free.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var today = clock.NingboToday();
        List<(EntityEntry<Rating> Entry, ChangeKind? Kind)> changed;
        List<(EntityEntry<MeasureRecord> Entry, ChangeKind? Kind)> measures;
        try
        {
            changed = db.ChangeTracker.Entries<Rating>().Select(e => (Entry: e, Kind: KindOf(e))).Where(x => x.Kind is not null).ToList();
            measures = db.ChangeTracker.Entries<MeasureRecord>().Select(e => (Entry: e, Kind: KindOf(e, today))).Where(x => x.Kind is not null).ToList();
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
        if (changed.Count + measures.Count == 0) return;
        var enterpriseIds = changed.Select(x => x.Entry.Entity.EnterpriseId).Concat(measures.Select(x => x.Entry.Entity.EnterpriseId)).Distinct().ToList();
        var campaignIds = changed.Select(x => x.Entry.Entity.CampaignId).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id))
            .Select(e => new { e.Id, e.CreditCode, e.Name }).ToDictionaryAsync(e => e.Id, e => (e.CreditCode, e.Name), cancellationToken);
        var years = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Year }).ToDictionaryAsync(c => c.Id, c => c.Year, cancellationToken);
        // An enterprise or campaign added in this same save is not in the database yet.
        foreach (var e in db.ChangeTracker.Entries<Enterprises.Enterprise>().Where(e => e.State == EntityState.Added))
            enterprises.TryAdd(e.Entity.Id, (e.Entity.CreditCode, e.Entity.Name));
        foreach (var c in db.ChangeTracker.Entries<Campaigns.Campaign>().Where(c => c.State == EntityState.Added))
            years.TryAdd(c.Entity.Id, c.Entity.Year);
        // The public reason of a case decision is on the RatingChange saved beside it.
        // A save may carry several for one rating (an arrangement of its history): the latest is the one this change reports.
        var decisions = db.ChangeTracker.Entries<RatingChange>().Where(e => e.State == EntityState.Added)
            .GroupBy(e => e.Entity.RatingId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Entity.At).Select(e => (e.Entity.Reason, e.Entity.At)).Last());
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (entry, kind) in changed)
        {
            var r = entry.Entity;
            var enterprise = enterprises[r.EnterpriseId];
            var previous = kind == ChangeKind.Downgraded ? entry.Property(x => x.Grade).OriginalValue : (Grade?)null;
            var decided = decisions.TryGetValue(r.Id, out var d) ? d : ((string Reason, DateTime At)?)null;
            var at = kind == ChangeKind.Published ? r.PublishedAt : decided?.At ?? r.RevokedAt ?? now;
            db.Add(new FeedChange(Guid.CreateVersion7(), kind!.Value, r.Id, enterprise.CreditCode, enterprise.Name, years[r.CampaignId],
                kind == ChangeKind.Revoked ? null : r.Grade, previous, r.ValidFrom, r.ValidTo,
                decided?.Reason ?? (kind == ChangeKind.Revoked ? r.RevocationReason : null), at));
        }
        foreach (var (entry, kind) in measures)
        {
            var m = entry.Entity;
            var enterprise = enterprises[m.EnterpriseId];
            var at = kind switch
            {
                ChangeKind.MeasureStarted => m.StartedAt,
                ChangeKind.MeasureExpired => NingboCalendar.StartOfDayUtc(m.EndsOn!.Value.AddDays(1)),
                _ => m.EndedAt ?? now,
            };
            db.Add(FeedChange.OfMeasure(kind!.Value, m, enterprise.CreditCode, enterprise.Name, kind == ChangeKind.MeasureStarted ? null : m.EndReason, at));
        }
    }

    /// <summary>A measure's start, or its end: expiry when its end date has passed, else an end because the rules no longer give it.</summary>
    private static ChangeKind? KindOf(EntityEntry<MeasureRecord> e, DateOnly today) => e.State switch
    {
        EntityState.Added => ChangeKind.MeasureStarted,
        EntityState.Modified when e.Property(x => x.EndedAt).IsModified && e.Property(x => x.EndedAt).OriginalValue is null && e.Entity.EndedAt is not null =>
            e.Entity.EndsOn is { } ends && ends < today ? ChangeKind.MeasureExpired : ChangeKind.MeasureEnded,
        _ => null,
    };

    private static ChangeKind? KindOf(EntityEntry<Rating> e) => e.State switch
    {
        EntityState.Added => ChangeKind.Published,
        EntityState.Modified when e.Property(x => x.Status).IsModified && e.Entity.Status == RatingStatus.Revoked
            && e.Property(x => x.Status).OriginalValue != RatingStatus.Revoked => ChangeKind.Revoked,
        EntityState.Modified when e.Property(x => x.Grade).IsModified && e.Entity.Grade > e.Property(x => x.Grade).OriginalValue => ChangeKind.Downgraded,
        _ => null,
    };
}

/// <summary>Wakes the dispatcher when a save recorded changes, so they are numbered and delivered at once rather than at the next poll.</summary>
internal sealed class ChangeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
