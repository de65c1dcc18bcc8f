using Evaluation.Engine;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>What an enterprise's public page shows, loaded once per rating change (<see cref="PublicRatings"/>).</summary>
/// <remarks>
/// <see cref="Ratings"/> newest first, with <see cref="Changes"/> (their downgrades and revocations), so that a page
/// rendered on any day states each one's <see cref="RatingStanding"/> for that day. <see cref="Categories"/> are the
/// newest rating's, unless it was revoked: a revoked rating shows no points.
/// </remarks>
internal sealed record EnterprisePageData(Enterprise Enterprise, IReadOnlyList<(Rating Rating, string Campaign)> Ratings,
    IReadOnlyList<RatingChange> Changes, IReadOnlyList<EnterprisePageModel.CategoryPoints> Categories,
    IReadOnlyList<RatingHistoryEntry> History);

/// <summary>
/// The public face of the ratings — the directory, an enterprise's page, its rating history and the rating API's
/// answer — read from memory and loaded again only after a rating changes (<see cref="DirectoryCache"/>): everyone
/// reads them, the centre changes them a few times a year. The directory is one <see cref="DirectorySnapshot"/> of
/// every rating; the rest is kept per credit code. Each load runs once however many requests wait for it, in a
/// scope of its own. Only whole, valid credit codes are looked up (no enterprise has any other), which also bounds
/// what random URLs can put in memory. See ADR 0017.
/// </summary>
internal sealed class PublicRatings(IServiceScopeFactory scopes, CampaignCatalogues catalogues, ILogger<PublicRatings> log,
    TimeSpan? watchEvery = null)
{
    private const int Codes = 20_000;

    private sealed record Held(long Generation, Task<DirectorySnapshot> Snapshot);

    /// <summary>What the database's ratings looked like when last checked: counts and latest times that every change moves.</summary>
    private sealed record Fingerprint(int Ratings, int Revoked, DateTime? LatestPublication, int Changes);

    private readonly long _watchMilliseconds = (long)(watchEvery ?? DirectoryCache.MaxAge).TotalMilliseconds;
    private Held? _held;
    private Lazy<Task>? _firstCheck;
    private Fingerprint? _fingerprint;
    private long _checkedAt;
    private int _checking;
    private readonly SharedLoads<string, EnterprisePageData?> _pages = new(Codes);
    private readonly SharedLoads<string, RatingAnswer?> _api = new(Codes);

    /// <summary>The directory's answer to <paramref name="query"/>, as the SQL query over the same ratings would give it.</summary>
    public async Task<DirectoryPage> SearchAsync(DirectoryQuery query, int pageSize, CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Search(query, pageSize);

    /// <summary>The snapshot of the current generation; after a change every request waits for the new one.</summary>
    public async Task<DirectorySnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await WatchAsync(cancellationToken);
        var generation = DirectoryCache.Generation;
        while (true)
        {
            var held = Volatile.Read(ref _held);
            if (held is not null && held.Generation >= generation && !held.Snapshot.IsFaulted && !held.Snapshot.IsCanceled)
                return await held.Snapshot.WaitAsync(cancellationToken);
            var loading = new TaskCompletionSource<DirectorySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            var fresh = new Held(generation, loading.Task);
            if (!ReferenceEquals(Interlocked.CompareExchange(ref _held, fresh, held), held)) continue;
            _ = DirectoryCache.Detached(LoadSnapshotAsync).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) loading.SetResult(t.Result);
                else loading.SetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
            }, TaskScheduler.Default);
            return await loading.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Changes saved by another instance (behind a load balancer) do not pass this instance's hook. So the database's
    /// fingerprint is read before anything is first loaded, and again — in the background, one request's worth of
    /// four counting queries — whenever it is older than <see cref="DirectoryCache.MaxAge"/>: when it moved, the
    /// generation moves and everything is loaded again. A change elsewhere is thus seen within that age.
    /// </summary>
    private async ValueTask WatchAsync(CancellationToken cancellationToken)
    {
        var first = Volatile.Read(ref _firstCheck);
        if (first is null)
        {
            Interlocked.CompareExchange(ref _firstCheck, new Lazy<Task>(() => DirectoryCache.Detached(async () => { await CheckAsync(); return 0; })), null);
            first = Volatile.Read(ref _firstCheck)!;
        }
        var task = first.Value;
        if (!task.IsCompletedSuccessfully)
        {
            try { await task.WaitAsync(cancellationToken); }
            catch when (task.IsFaulted)
            {
                Interlocked.CompareExchange(ref _firstCheck, null, first); // the next request tries again
                throw;
            }
            return;
        }
        if (Environment.TickCount64 - Volatile.Read(ref _checkedAt) < _watchMilliseconds) return;
        if (Interlocked.CompareExchange(ref _checking, 1, 0) != 0) return;
        _ = DirectoryCache.Detached(async () =>
        {
            try { await CheckAsync(); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning(e, "Checking the public ratings for changes failed; the next request tries again");
            }
            finally { Volatile.Write(ref _checking, 0); }
            return 0;
        });
    }

    private async Task CheckAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var now = new Fingerprint(await db.Ratings.CountAsync(), await db.Ratings.CountAsync(r => r.RevokedAt != null),
            await db.Ratings.MaxAsync(r => (DateTime?)r.PublishedAt), await db.Set<RatingChange>().CountAsync());
        var before = _fingerprint;
        _fingerprint = now;
        Volatile.Write(ref _checkedAt, Environment.TickCount64);
        if (before is not null && before != now) DirectoryCache.RatingsChanged();
    }

    private async Task<DirectorySnapshot> LoadSnapshotAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        // The directory's query with no filter and no page, in its order (grade, name, id) as the database sorts.
        var rows = await (
            from r in db.Ratings
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            join c in db.Campaigns on r.CampaignId equals c.Id
            orderby r.Grade, e.Name, r.Id
            select new { r, e.Name, e.CreditCode, e.District, e.IndustryCode, Campaign = c.Name }).AsNoTracking().ToListAsync();
        // Downgrades and revocations, for the rating histories (a few per campaign, not one per rating).
        var changes = await db.Set<RatingChange>().AsNoTracking().ToListAsync();
        // The same campaign and industry text is held once, not once per rating.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Pooled(string s) => pool.TryGetValue(s, out var held) ? held : pool[s] = s;
        return new DirectorySnapshot(rows.Select(x =>
        {
            var r = x.r;
            return (new DirectoryModel.Row(x.Name, x.CreditCode, x.District, Pooled(x.IndustryCode), r.Grade, r.ValidFrom, r.ValidTo,
                Pooled(x.Campaign), r.Status, r.RevokedAt, r.RevocationReason), r);
        }).ToList(), changes);
    }

    /// <summary>An enterprise's public page, or null when it has no rating (or the code is no credit code).</summary>
    public async Task<EnterprisePageData?> EnterprisePageAsync(string creditCode, CancellationToken cancellationToken)
    {
        if (!CreditCode.TryParse(creditCode, out var code)) return null;
        await WatchAsync(cancellationToken);
        return await _pages.GetAsync(code.Value, () => LoadPageAsync(code.Value), cancellationToken);
    }

    /// <summary>An enterprise's public rating history (<see cref="RatingHistory"/>), newest first, from the snapshot.</summary>
    public async Task<IReadOnlyList<RatingHistoryEntry>> HistoryAsync(string creditCode, CancellationToken cancellationToken) =>
        CreditCode.TryParse(creditCode, out var code) ? (await SnapshotAsync(cancellationToken)).History(code.Value) : [];

    /// <summary>The rating API's answer for a credit code on <paramref name="today"/> (a Ningbo date), or null (404).</summary>
    public async Task<RatingResult?> RatingAsync(string creditCode, DateOnly today, CancellationToken cancellationToken)
    {
        if (!CreditCode.TryParse(creditCode, out var code)) return null;
        await WatchAsync(cancellationToken);
        var answer = await _api.GetAsync(code.Value, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await RatingResult.LoadAsync(scope.ServiceProvider.GetRequiredService<EvaluationDbContext>(), code.Value);
        }, cancellationToken);
        return answer?.On(today);
    }

    private async Task<EnterprisePageData?> LoadPageAsync(string code)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code);
        if (enterprise is null) return null;
        var ratings = (await db.Ratings.AsNoTracking().Where(r => r.EnterpriseId == enterprise.Id)
                .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r, c.Name })
                .OrderByDescending(x => x.r.PublishedAt).ToListAsync())
            .Select(x => (x.r, x.Name)).ToList();
        // Nothing about an enterprise that was never published: the directory shows results, not applicants.
        if (ratings.Count == 0) return null;
        var ids = ratings.Select(x => x.r.Id).ToList();
        var changes = await db.Set<RatingChange>().AsNoTracking().Where(c => ids.Contains(c.RatingId)).ToListAsync();
        var current = ratings[0].r;
        IReadOnlyList<EnterprisePageModel.CategoryPoints> categories = [];
        if (current is { Status: RatingStatus.Published, ScoreCardSnapshotId: { } snapshotId })
        {
            var snapshot = await db.ScoreCardSnapshots.AsNoTracking().Where(s => s.Id == snapshotId)
                .Select(s => new { s.CatalogueId, s.CatalogueVersion, s.ScoreCardJson }).SingleAsync();
            var overrides = await db.Campaigns.AsNoTracking().Where(c => c.Id == current.CampaignId).Select(c => c.ParameterOverridesJson).SingleAsync();
            // The version the snapshot was scored on, with its campaign's values (the seam, as every page).
            categories = CategoryTotals(catalogues.For(snapshot.CatalogueId, snapshot.CatalogueVersion, overrides, enterprise.IndustryCode),
                snapshot.ScoreCardJson);
        }
        return new EnterprisePageData(enterprise, ratings, changes, categories, RatingHistory.Of(ratings, changes));
    }

    /// <summary>Only category totals leave the snapshot: never the facts, the indicators or the explanation.</summary>
    private static List<EnterprisePageModel.CategoryPoints> CategoryTotals(CampaignCatalogue catalogue, string json) =>
        ScoreCardJson.Read(json).Categories.Select(c =>
        {
            var category = catalogue.Catalogue.Categories.FirstOrDefault(x => x.Id == c.Id);
            return new EnterprisePageModel.CategoryPoints(category?.Name.Zh ?? c.Id, category?.Name.En ?? c.Id, c.Points, category?.Points ?? 0);
        }).ToList();
}
