using System.ComponentModel;

namespace Evaluation.Web.Features.Publication;

/// <summary>What a department system may learn of a rating (成果共享): what was published, never scores or facts.</summary>
[Description("企业最近一次评价的公开结果 / the enterprise's latest published rating")]
internal sealed record RatingResult(
    [property: Description("统一社会信用代码 / unified social credit code")] string CreditCode,
    [property: Description("企业名称 / the enterprise's name")] string Enterprise,
    [property: Description("评价年度 / the campaign year")] int Year,
    [property: Description("等级 A–D；已撤销时为 null / grade A–D; null once revoked")] Grade? Grade,
    [property: Description("发布记录的状态：Published 已发布，Revoked 已撤销；今日是否有效见 state / the publication record: Published or Revoked; whether it stands today is state")] RatingStatus Status,
    [property: Description("有效期起 / valid from")] DateOnly ValidFrom,
    [property: Description("有效期止（含）/ valid to (inclusive)")] DateOnly ValidTo,
    [property: Description("发布时间（UTC）/ published at (UTC)")] DateTime PublishedAt,
    [property: Description("撤销时间（UTC），未撤销为 null / revoked at (UTC); null if not revoked")] DateTime? RevokedAt,
    [property: Description("今日（宁波日期）的状态，与公开页面一致：Valid 有效，Expired 已过期，Revoked 已撤销，Downgraded 已降级 / the status today (Ningbo date), as the public pages say it")] RatingState State,
    [property: Description("自何日起为该状态（过期、撤销或降级之日，宁波日期）；有效时为 null / the Ningbo date the state began (expiry, revocation or downgrade); null while valid")] DateOnly? StateSince)
{
    /// <summary>
    /// The latest campaign's rating of the enterprise with this (normalised) credit code, or null; one query (its
    /// downgrades and revocation joined in). Its <see cref="State"/> is worked out per day by <see cref="RatingAnswer.On"/>.
    /// </summary>
    public static async Task<RatingAnswer?> LoadAsync(EvaluationDbContext db, string code)
    {
        var found = await db.Ratings.AsNoTracking()
            .Join(db.Enterprises, r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e })
            .Join(db.Campaigns, x => x.r.CampaignId, c => c.Id, (x, c) => new { x.r, x.e, c.Year })
            .Where(x => x.e.CreditCode == code)
            .OrderByDescending(x => x.Year)
            .Select(x => new
            {
                x.r, x.e.CreditCode, x.e.Name, x.Year,
                Changes = db.Set<Supervision.RatingChange>().Where(c => c.RatingId == x.r.Id).ToList(),
            })
            .FirstOrDefaultAsync();
        if (found is null) return null;
        var r = found.r;
        // A revoked rating says so, without the grade it no longer carries.
        var basis = new RatingResult(found.CreditCode, found.Name, found.Year,
            r.Status == RatingStatus.Published ? r.Grade : null, r.Status, r.ValidFrom, r.ValidTo,
            r.PublishedAt, r.RevokedAt, RatingState.Valid, null);
        return new RatingAnswer(basis, r, found.Changes);
    }
}

/// <summary>A loaded rating answer, held until the ratings change; its state is the day's (<see cref="RatingStanding"/>).</summary>
internal sealed record RatingAnswer(RatingResult Basis, Rating Rating, IReadOnlyList<Supervision.RatingChange> Changes)
{
    public RatingResult On(DateOnly today)
    {
        var standing = RatingStanding.Of(Rating, "", Changes, today);
        return Basis with
        {
            State = standing.State,
            StateSince = standing.State switch
            {
                RatingState.Expired => Rating.ValidTo.AddDays(1),
                RatingState.Revoked or RatingState.Downgraded => standing.DecidedOn,
                _ => null,
            },
        };
    }
}
