namespace Evaluation.Web.Features.Publication;

/// <summary>
/// A public-notice period (公示期) the centre opened for a campaign's scored applications: from the first
/// to the last day (inclusive, Beijing dates) the proposed ratings are shown without login and objections are taken.
/// </summary>
internal sealed class PublicNotice : IAudited
{
    private PublicNotice() { }

    public PublicNotice(Guid id, Guid campaignId, DateOnly from, DateOnly to, int applications, string openedBy, DateTime openedAt)
    {
        if (to < from) throw new ArgumentException("A notice period ends on or after its first day.", nameof(to));
        (Id, CampaignId, From, To, Applications, OpenedBy, OpenedAt) = (id, campaignId, from, to, applications, openedBy, openedAt);
    }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    /// <summary>How many applications went on notice when it opened.</summary>
    public int Applications { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTime OpenedAt { get; private set; }

    public bool IsRunningOn(DateOnly day) => From <= day && day <= To;

    public bool HasEndedBy(DateOnly day) => day > To;

    string IAudited.AuditKey => Id.ToString();
}
