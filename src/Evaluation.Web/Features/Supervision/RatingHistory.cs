using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Supervision;

/// <summary>One public line of an enterprise's rating history: published, downgraded or revoked, when, and why.</summary>
internal sealed record RatingHistoryEntry(DateTime At, RatingHistoryKind Kind, string Campaign, Grade Grade, Grade? ToGrade,
    DateOnly ValidFrom, DateOnly ValidTo, string? Reason);

internal enum RatingHistoryKind { Published, Downgraded, Revoked }

/// <summary>
/// An enterprise's public rating history (评价等级变动记录), newest first: each rating's publication (with the
/// grade it was published at) and every change after it with its published reason. Private facts never appear.
/// </summary>
internal sealed class RatingHistory(EvaluationDbContext db)
{
    public async Task<IReadOnlyList<RatingHistoryEntry>> ForAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var ratings = await (
            from r in db.Ratings.AsNoTracking()
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            join c in db.Campaigns on r.CampaignId equals c.Id
            where e.CreditCode == code
            select new { r, Campaign = c.Name }).ToListAsync(cancellationToken);
        var ids = ratings.Select(x => x.r.Id).ToList();
        var changes = await db.Set<RatingChange>().AsNoTracking().Where(c => ids.Contains(c.RatingId)).ToListAsync(cancellationToken);
        return Of(ratings.Select(x => (x.r, x.Campaign)), changes);
    }

    /// <summary>The history of these ratings (one enterprise's) given their changes; the public directory builds it from memory.</summary>
    public static IReadOnlyList<RatingHistoryEntry> Of(IEnumerable<(Rating Rating, string Campaign)> ratings, IReadOnlyCollection<RatingChange> changes)
    {
        var entries = new List<RatingHistoryEntry>();
        foreach (var (r, campaign) in ratings)
        {
            var mine = changes.Where(c => c.RatingId == r.Id).OrderBy(c => c.At).ToList();
            entries.Add(new(r.PublishedAt, RatingHistoryKind.Published, campaign, mine.FirstOrDefault()?.FromGrade ?? r.Grade, null,
                r.ValidFrom, r.ValidTo, null));
            entries.AddRange(mine.Select(c => new RatingHistoryEntry(c.At,
                c.Kind == RatingChangeKind.Revoked ? RatingHistoryKind.Revoked : RatingHistoryKind.Downgraded,
                campaign, c.FromGrade, c.ToGrade, r.ValidFrom, r.ValidTo, c.Reason)));
            // A rating revoked before dynamic management recorded changes still shows its revocation.
            if (r is { Status: RatingStatus.Revoked, RevokedAt: { } at } && mine.All(c => c.Kind != RatingChangeKind.Revoked))
                entries.Add(new(at, RatingHistoryKind.Revoked, campaign, r.Grade, null, r.ValidFrom, r.ValidTo, r.RevocationReason));
        }
        return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Kind).ToList();
    }
}
