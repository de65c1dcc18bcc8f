using System.Collections.Concurrent;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// API tokens recently found active, by hash, so that a department system's reads (the rating lookup, hundreds a
/// second) do not each cost a database query. Only reads trust it, and for <see cref="ReadsTrustFor"/> at most:
/// every write (facts, events) checks the table, so a revoked token never writes again. A revocation on this
/// instance forgets the token at once; one made on another instance reaches this one's reads within that time
/// (docs/decisions/0018-api-token-checks.md). Unknown tokens are never remembered, so guesses cannot fill it.
/// </summary>
internal sealed class ActiveTokens(TimeProvider clock)
{
    public static readonly TimeSpan ReadsTrustFor = TimeSpan.FromSeconds(10);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (string DepartmentId, string Name, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public bool TryGet(string hash, out (string DepartmentId, string Name) token)
    {
        if (_known.TryGetValue(hash, out var known) && known.Until > clock.GetUtcNow())
        {
            token = (known.DepartmentId, known.Name);
            return true;
        }
        token = default;
        return false;
    }

    public void Remember(string hash, string departmentId, string name)
    {
        if (_known.Count >= MaxRemembered) _known.Clear(); // issued tokens are few; this only bounds the worst case
        _known[hash] = (departmentId, name, clock.GetUtcNow() + ReadsTrustFor);
    }

    public void Forget(string hash) => _known.TryRemove(hash, out _);
}
