using System.Collections.Concurrent;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The generation of the public rating data. The context calls <see cref="RatingsChanged"/> after any save that
/// touched a rating (publication, revocation, downgrade); everything cached from an older generation is then
/// loaded again before it is shown, so this instance never shows a rating as it was before a change it saved.
/// Another instance behind a load balancer does not hear the call; <see cref="PublicRatings"/> checks the database
/// for changes every <see cref="MaxAge"/> and moves the generation when it finds one. See ADR 0017.
/// </summary>
internal static class DirectoryCache
{
    private static long _generation;

    /// <summary>How often the database is checked for changes saved elsewhere: the bound on what another instance shows.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public static long Generation => Interlocked.Read(ref _generation);

    public static void RatingsChanged() => Interlocked.Increment(ref _generation);

    /// <summary>Runs a shared load outside the request that started it (none of its async-local state flows in).</summary>
    public static Task<T> Detached<T>(Func<Task<T>> load)
    {
        using (ExecutionContext.SuppressFlow()) return Task.Run(load);
    }
}

/// <summary>
/// Values loaded once per key and generation, shared by every request that asks meanwhile: 64 requests missing
/// the same key together cost one load (single flight), which runs on its own (no request's cancellation stops it;
/// each caller stops waiting on its own token). A load that fails is forgotten, so the next request tries again.
/// Bounded: past <c>capacity</c> keys it starts afresh, so random keys cannot grow it without limit.
/// </summary>
internal sealed class SharedLoads<TKey, TValue>(int capacity) where TKey : notnull
{
    private sealed class Entry(long generation, Func<Task<TValue>> load)
    {
        public readonly long Generation = generation;
        public readonly Lazy<Task<TValue>> Value = new(() => DirectoryCache.Detached(load), LazyThreadSafetyMode.ExecutionAndPublication);

        public bool Serves(long generation) => Generation >= generation && !Value.Value.IsFaulted && !Value.Value.IsCanceled;
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> load, CancellationToken cancellationToken)
    {
        var generation = DirectoryCache.Generation;
        while (true)
        {
            if (_entries.TryGetValue(key, out var held))
            {
                if (held.Serves(generation)) return await held.Value.Value.WaitAsync(cancellationToken);
                var fresh = new Entry(generation, load);
                if (_entries.TryUpdate(key, fresh, held)) return await RunAsync(key, fresh, cancellationToken);
            }
            else
            {
                if (_entries.Count >= capacity) _entries.Clear();
                var fresh = new Entry(generation, load);
                if (_entries.TryAdd(key, fresh)) return await RunAsync(key, fresh, cancellationToken);
            }
        }
    }

    private async Task<TValue> RunAsync(TKey key, Entry entry, CancellationToken cancellationToken)
    {
        var task = entry.Value.Value;
        _ = task.ContinueWith(t => _entries.TryRemove(KeyValuePair.Create(key, entry)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return await task.WaitAsync(cancellationToken);
    }
}
