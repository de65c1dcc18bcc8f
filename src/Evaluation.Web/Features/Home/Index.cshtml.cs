using Evaluation.Web.Features.Shared;

namespace Evaluation.Web.Features.Home;

/// <summary>
/// The home page: what the platform is, the campaigns under way with their phase and its dates (or the next one to
/// open, or the last published one when none is under way), and the entrances for the visitor's role.
/// </summary>
internal sealed class IndexModel(EvaluationDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>A campaign with the phase it is in today, the day that phase began and the day the next begins.</summary>
    public sealed record CampaignNow(Campaign Campaign, CampaignPhase Phase, DateOnly? PhaseFrom, DateOnly? NextFrom, CampaignPhase? Next);

    public IReadOnlyList<CampaignNow> UnderWay { get; private set; } = [];
    public CampaignNow? LastPublished { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.NingboToday();
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var all = campaigns.Select(c => Now(c, Today)).ToList();
        // Under way, and those still to open (the nearest first), before anything published.
        UnderWay = [.. all.Where(c => c.Phase is not (CampaignPhase.Published or CampaignPhase.NotOpen)),
            .. all.Where(c => c.Phase == CampaignPhase.NotOpen).OrderBy(c => c.NextFrom)];
        LastPublished = UnderWay.Count > 0 ? null : all.Where(c => c.Phase == CampaignPhase.Published).MaxBy(c => c.Campaign.PublishOn);
    }

    /// <summary>The phase <paramref name="campaign"/> is in on <paramref name="today"/>, with its first day and the next phase's.</summary>
    public static CampaignNow Now(Campaign campaign, DateOnly today)
    {
        var phases = campaign.PhaseStarts();
        var phase = campaign.PhaseOn(today);
        var index = phases.ToList().FindIndex(p => p.Phase == phase); // -1 before the first: the next is the first
        DateOnly? from = index < 0 ? null : phases[index].From;
        var next = index + 1 < phases.Count ? phases[index + 1] : ((CampaignPhase Phase, DateOnly From)?)null;
        return new CampaignNow(campaign, phase, from, next?.From, next?.Phase);
    }
}
