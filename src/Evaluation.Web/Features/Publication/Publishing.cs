using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;
using Evaluation.Web.Features.SmallEnterprises;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// Public notice and publication for a campaign. Both change nothing and say why when refused: no scored
/// application to put on notice; a notice still running; an objection still open.
/// </summary>
internal sealed class Publishing(EvaluationDbContext db, TimeProvider clock, SmeLevels smeLevels, Measures.MeasureKeeper measures)
{
    /// <summary>Ratings are valid three years from publication unless the centre says otherwise (CATALOGUE.md: certificates are valid 3 years).</summary>
    public const int DefaultValidityYears = 3;

    /// <summary>Today in Ningbo (UTC+8): notice periods and validity are calendar dates there.</summary>
    public DateOnly Today => clock.NingboToday();

    public async Task<(PublicNotice? Notice, string? Error)> OpenNoticeAsync(Guid campaignId, DateOnly from, DateOnly to, string openedBy,
        CancellationToken cancellationToken)
    {
        if (to < from) return (null, "公示截止日期不能早于开始日期 / the notice ends before it starts");
        if (from < Today) return (null, "公示开始日期不能早于今天 / the notice cannot start in the past");
        var scored = await db.Applications.Where(a => a.CampaignId == campaignId && a.Status == ApplicationStatus.Scored)
            .ToListAsync(cancellationToken);
        if (scored.Count == 0) return (null, "没有已评分的申报可公示 / no scored application to put on notice");
        foreach (var a in scored) a.OpenPublicNotice();
        var notice = new PublicNotice(Guid.NewGuid(), campaignId, from, to, scored.Count, openedBy, clock.GetUtcNow().UtcDateTime);
        db.PublicNotices.Add(notice);
        await db.Because($"开始公示 / public notice {from:yyyy-MM-dd}–{to:yyyy-MM-dd}").SaveChangesAsync(cancellationToken);
        return (notice, null);
    }

    public async Task<(int Published, IReadOnlyList<string> Errors)> PublishAsync(Guid campaignId, int validityYears,
        CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (validityYears is < 1 or > 5) errors.Add("有效期须为1至5年 / validity is 1 to 5 years");
        var onNotice = await db.Applications.Where(a => a.CampaignId == campaignId && a.Status == ApplicationStatus.PublicNotice)
            .ToListAsync(cancellationToken);
        if (onNotice.Count == 0) errors.Add("没有公示中的申报 / no application is on public notice");
        var lastNotice = await db.PublicNotices.Where(n => n.CampaignId == campaignId).OrderByDescending(n => n.To)
            .FirstOrDefaultAsync(cancellationToken);
        if (lastNotice is not null && !lastNotice.HasEndedBy(Today))
            errors.Add($"公示期至 {lastNotice.To:yyyy-MM-dd} 尚未结束 / the notice runs until {lastNotice.To:yyyy-MM-dd}");
        var ids = onNotice.Select(a => a.Id).ToList();
        var open = await db.Objections.Where(o => ids.Contains(o.ApplicationId) && o.Status == ObjectionStatus.Open).CountAsync(cancellationToken);
        if (open > 0) errors.Add($"尚有 {open} 件异议未答复 / {open} objection(s) still open");
        var latest = (await db.ScoreCardSnapshots.Where(s => ids.Contains(s.ApplicationId))
                .Select(s => new { s.Id, s.ApplicationId, s.Grade, s.CreatedAt }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ApplicationId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.CreatedAt).First());
        foreach (var a in onNotice.Where(a => !latest.ContainsKey(a.Id)))
            errors.Add($"申报 {a.Id} 没有评分快照 / application {a.Id} has no scorecard");
        if (errors.Count > 0) return (0, errors);

        var today = Today;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in onNotice)
        {
            var snapshot = latest[a.Id];
            var grade = Enum.Parse<Grade>(snapshot.Grade);
            db.Ratings.Add(new Rating(Guid.NewGuid(), a.EnterpriseId, campaignId, snapshot.Id, grade, today,
                today.AddYears(validityYears).AddDays(-1), now));
            a.Publish();
        }
        await RecordSmallEnterpriseLevelsAsync(campaignId, onNotice, latest.ToDictionary(l => l.Key, l => l.Value.Id), cancellationToken);
        await db.Because($"发布评价结果 / ratings published, valid {validityYears} years").SaveChangesAsync(cancellationToken);
        await measures.ReevaluateAsync(onNotice.Select(a => a.EnterpriseId).ToList(), "发布评价结果 / ratings published", cancellationToken);
        return (onNotice.Count, []);
    }

    /// <summary>The small-enterprise track's cycle ends with publication: each one's level moves by its published ScoreCard (same save).</summary>
    private async Task RecordSmallEnterpriseLevelsAsync(Guid campaignId, IReadOnlyList<Campaigns.Application> published,
        Dictionary<Guid, Guid> snapshotOf, CancellationToken cancellationToken)
    {
        var small = published.Where(a => a.Track == Track.SmallEnterprise).ToList();
        if (small.Count == 0) return;
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId, cancellationToken);
        var ids = small.Select(a => snapshotOf[a.Id]).ToList();
        var snapshots = await db.ScoreCardSnapshots.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        await smeLevels.LoadAsync(campaign, small.Select(a => a.EnterpriseId).ToList(), cancellationToken);
        foreach (var a in small)
            await smeLevels.RecordCycleAsync(campaign, a, snapshots[snapshotOf[a.Id]], cancellationToken);
    }
}

internal static class PublicationExtensions
{
    public static IServiceCollection AddPublication(this IServiceCollection services) =>
        services.AddScoped<Publishing>().AddSingleton<PublicRatings>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, RatingsChangedInterceptor>();
}
