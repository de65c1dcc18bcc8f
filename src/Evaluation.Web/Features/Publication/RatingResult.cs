using Evaluation.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>What a department system may learn of a rating (成果共享): what was published, never scores or facts.</summary>
internal sealed record RatingResult(string CreditCode, string Enterprise, int Year, string? Grade, string Status,
    DateOnly ValidFrom, DateOnly ValidTo, DateTime PublishedAt, DateTime? RevokedAt)
{
    /// <summary>The latest campaign's rating of the enterprise with this (normalised) credit code, or null.</summary>
    public static async Task<RatingResult?> LoadAsync(EvaluationDbContext db, string code)
    {
        var rating = await db.Ratings.AsNoTracking()
            .Join(db.Enterprises, r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e })
            .Join(db.Campaigns, x => x.r.CampaignId, c => c.Id, (x, c) => new { x.r, x.e, c.Year })
            .Where(x => x.e.CreditCode == code)
            .OrderByDescending(x => x.Year).FirstOrDefaultAsync();
        if (rating is null) return null;
        var r = rating.r;
        // A revoked rating says so, without the grade it no longer carries.
        return new RatingResult(rating.e.CreditCode, rating.e.Name, rating.Year,
            r.Status == RatingStatus.Published ? r.Grade.ToString() : null, r.Status.ToString(), r.ValidFrom, r.ValidTo,
            r.PublishedAt, r.RevokedAt);
    }
}
