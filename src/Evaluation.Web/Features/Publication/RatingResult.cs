using System.ComponentModel;

namespace Evaluation.Web.Features.Publication;

/// <summary>What a department system may learn of a rating (成果共享): what was published, never scores or facts.</summary>
[Description("企业最近一次评价的公开结果 / the enterprise's latest published rating")]
internal sealed record RatingResult(
    [property: Description("统一社会信用代码 / unified social credit code")] string CreditCode,
    [property: Description("企业名称 / the enterprise's name")] string Enterprise,
    [property: Description("评价年度 / the campaign year")] int Year,
    [property: Description("等级 A–D；已撤销时为 null / grade A–D; null once revoked")] Grade? Grade,
    [property: Description("状态：Published 有效，Revoked 已撤销 / Published or Revoked")] RatingStatus Status,
    [property: Description("有效期起 / valid from")] DateOnly ValidFrom,
    [property: Description("有效期止（含）/ valid to (inclusive)")] DateOnly ValidTo,
    [property: Description("发布时间（UTC）/ published at (UTC)")] DateTime PublishedAt,
    [property: Description("撤销时间（UTC），未撤销为 null / revoked at (UTC); null if not revoked")] DateTime? RevokedAt)
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
            r.Status == RatingStatus.Published ? r.Grade : null, r.Status, r.ValidFrom, r.ValidTo,
            r.PublishedAt, r.RevokedAt);
    }
}
