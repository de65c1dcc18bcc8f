using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>What a published rating is worth on a given day: the one status every public page, the certificate check and the API say.</summary>
internal enum RatingState { Valid, Expired, Revoked, Downgraded }

/// <summary>
/// One rating as the public sees it on a given day (a Ningbo date): revoked, else expired (its validity ended), else
/// downgraded (a later decision lowered its grade), else valid; for a revoked or downgraded one the decision's date and
/// published reason, and the grade it was published at. A certificate stands only while the rating is valid.
/// </summary>
internal sealed record RatingStanding(Rating Rating, string Campaign, RatingState State, DateOnly? DecidedOn, string? Reason, Grade PublishedGrade)
{
    public bool HasCertificate => State == RatingState.Valid;

    /// <summary>The certificate number printed on it: the rating's id, shortened as people read it out.</summary>
    public string CertificateNumber => Rating.Id.ToString("N")[..12].ToUpperInvariant();

    public static RatingStanding Of(Rating rating, string campaign, IEnumerable<RatingChange> changes, DateOnly today)
    {
        var mine = changes.Where(c => c.RatingId == rating.Id).OrderBy(c => c.At).ToList();
        var published = mine.FirstOrDefault()?.FromGrade ?? rating.Grade;
        if (rating.Status == RatingStatus.Revoked)
        {
            var revocation = mine.LastOrDefault(c => c.Kind == RatingChangeKind.Revoked);
            var at = revocation?.At ?? rating.RevokedAt;
            return new(rating, campaign, RatingState.Revoked, at is { } t ? t.NingboDate() : null,
                revocation?.Reason ?? rating.RevocationReason, published);
        }
        if (rating.ValidTo < today) return new(rating, campaign, RatingState.Expired, null, null, published);
        var downgrade = mine.LastOrDefault(c => c.Kind == RatingChangeKind.Downgraded);
        return downgrade is null
            ? new(rating, campaign, RatingState.Valid, null, null, published)
            : new(rating, campaign, RatingState.Downgraded, downgrade.At.NingboDate(), downgrade.Reason, published);
    }

    /// <summary>The resource key (the Chinese text) of a state's name.</summary>
    public static string Key(RatingState state) => state switch
    {
        RatingState.Valid => "有效",
        RatingState.Expired => "已过期",
        RatingState.Revoked => "已撤销",
        _ => "已降级",
    };
}
