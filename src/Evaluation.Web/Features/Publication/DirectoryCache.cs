using Microsoft.Extensions.Caching.Memory;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The public directory's query results, kept for 30 s per distinct search. Everyone reads the directory and
/// ratings change only when the centre publishes, revokes or downgrades; the context calls
/// <see cref="RatingsChanged"/> after any save that touched a rating, which empties this instance's cache at once.
/// (Another instance behind a load balancer sees the change within the 30 s.) Bounded to 2,000 searches, so
/// random queries cannot grow it without limit. Only the rows are cached; each response is still rendered per
/// request, with its own antiforgery token.
/// </summary>
internal sealed class DirectoryCache : IDisposable
{
    private static long _generation;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public static void RatingsChanged() => Interlocked.Increment(ref _generation);

    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load)
    {
        var full = $"{Interlocked.Read(ref _generation)}|{key}";
        if (_cache.TryGetValue(full, out T? hit) && hit is not null) return hit;
        var value = await load();
        _cache.Set(full, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) });
        return value;
    }

    public void Dispose() => _cache.Dispose();
}
