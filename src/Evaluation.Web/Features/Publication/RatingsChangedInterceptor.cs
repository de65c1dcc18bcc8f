using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// Tells <see cref="DirectoryCache"/> after any save that published, changed or removed a rating (ADR 0017): the
/// framework's SaveChanges hook, so the DbContext knows nothing of the public pages. The generation moves after the
/// save (also a failed one), never before: a reader between the two would cache the old rating as new.
/// </summary>
internal sealed class RatingsChangedInterceptor : SaveChangesInterceptor
{
    private static readonly object Touched = new();
    private readonly ConditionalWeakTable<DbContext, object> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Look(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Look(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Done(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Done(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    private void Look(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Rating>()
                .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            _saving.AddOrUpdate(context, Touched);
    }

    private void Done(DbContext? context)
    {
        if (context is not null && _saving.Remove(context)) DirectoryCache.RatingsChanged();
    }
}
