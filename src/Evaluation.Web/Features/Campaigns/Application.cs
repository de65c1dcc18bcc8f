namespace Evaluation.Web.Features.Campaigns;

/// <summary>
/// An enterprise's application (申报) in a campaign. Its status moves only through the methods below:
/// Draft → Submitted → InReview → (Returned → Submitted …) → Accepted → Scored → PublicNotice → Published.
/// </summary>
internal sealed class Application : IAudited, IEnterpriseRecord
{
    private Application() { }

    public Application(Guid id, Guid campaignId, Guid enterpriseId, Track track, DateTime now)
    {
        (Id, CampaignId, EnterpriseId, Track, CreatedAt) = (id, campaignId, enterpriseId, track, now);
        Status = ApplicationStatus.Draft;
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// Optimistic-concurrency token (docs/decisions/0007): a fresh value on every change, so a save that
    /// started from an older version is refused instead of silently overwriting someone else's work.
    /// </summary>
    [NotAudited] public Guid Version { get; private set; }

    /// <summary>The on-site review (现场评审): when, by whom, and what was found.</summary>
    public DateOnly? OnSiteReviewOn { get; private set; }
    public string? OnSiteReviewer { get; private set; }
    public string? OnSiteFinding { get; private set; }
    /// <summary>Whether the on-site review passed: ★★★ and above need one that did (CATALOGUE.md, small enterprises).</summary>
    public bool? OnSiteReviewPassed { get; private set; }

    /// <summary>Marks a change made through the application (its facts, its review) so concurrent editors see it.</summary>
    public void Touch() => Version = Guid.NewGuid();

    /// <summary>Records the on-site review; only while the application is in review.</summary>
    public void RecordOnSiteReview(DateOnly on, string reviewer, string finding, bool passed)
    {
        if (string.IsNullOrWhiteSpace(reviewer)) throw new ArgumentException("An on-site review names its reviewer.", nameof(reviewer));
        if (string.IsNullOrWhiteSpace(finding)) throw new ArgumentException("An on-site review records its finding.", nameof(finding));
        if (Status != ApplicationStatus.InReview) throw new IllegalTransitionException(Id, Status, Status);
        (OnSiteReviewOn, OnSiteReviewer, OnSiteFinding, OnSiteReviewPassed) = (on, reviewer.Trim(), finding.Trim(), passed);
        Touch();
    }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Track Track { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>Small-enterprise track only: the scheme's modules (分项) aimed for this cycle, comma-separated ids.</summary>
    public string? SmeModules { get; private set; }

    /// <summary>Why the reviewer sent it back; shown to the enterprise.</summary>
    public string? ReturnReason { get; private set; }

    /// <summary>Records the modules a small enterprise aims for this cycle (滚动晋级: a few at a time).</summary>
    public void AimForModules(IReadOnlyCollection<string> modules)
    {
        if (Track != Track.SmallEnterprise) throw new InvalidOperationException("Only the small-enterprise track aims for modules.");
        if (modules.Count == 0) throw new ArgumentException("At least one module.", nameof(modules));
        if (!IsEditable) throw new IllegalTransitionException(Id, Status, Status);
        SmeModules = string.Join(",", modules);
        Touch();
    }

    public IReadOnlyList<string> AimedModules => SmeModules is null ? [] : SmeModules.Split(',');

    /// <summary>Only a draft, or an application sent back, may still change; submitting locks it.</summary>
    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.Returned;

    public void Submit(DateTime now)
    {
        Move(ApplicationStatus.Submitted, ApplicationStatus.Draft, ApplicationStatus.Returned);
        SubmittedAt = now;
    }

    public void StartReview() => Move(ApplicationStatus.InReview, ApplicationStatus.Submitted);

    public void Return(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A return says why.", nameof(reason));
        Move(ApplicationStatus.Returned, ApplicationStatus.InReview);
        ReturnReason = reason;
    }

    public void Accept(DateTime now)
    {
        Move(ApplicationStatus.Accepted, ApplicationStatus.InReview);
        DecidedAt = now;
    }

    public void RecordScore() => Move(ApplicationStatus.Scored, ApplicationStatus.Accepted, ApplicationStatus.Scored);

    public void OpenPublicNotice() => Move(ApplicationStatus.PublicNotice, ApplicationStatus.Scored);

    public void Publish() => Move(ApplicationStatus.Published, ApplicationStatus.PublicNotice);

    private void Move(ApplicationStatus to, params ApplicationStatus[] allowedFrom)
    {
        if (!allowedFrom.Contains(Status)) throw new IllegalTransitionException(Id, Status, to);
        Status = to;
        Touch();
    }

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>Full index (完整指标) or the small-enterprise item-by-item scheme (分项创建).</summary>
internal enum Track { Full, SmallEnterprise }

internal enum ApplicationStatus { Draft, Submitted, InReview, Returned, Accepted, Scored, PublicNotice, Published }

internal sealed class IllegalTransitionException(Guid applicationId, ApplicationStatus from, ApplicationStatus to)
    : InvalidOperationException($"Application {applicationId} cannot move from {from} to {to}.")
{
    public ApplicationStatus From { get; } = from;
    public ApplicationStatus To { get; } = to;
}
