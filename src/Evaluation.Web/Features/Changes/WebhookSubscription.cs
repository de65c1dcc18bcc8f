using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Changes;

internal enum SubscriptionStatus { Pending, Approved, Rejected, Suspended }

/// <summary>
/// A department system's request to be called (a webhook) when ratings change. Nothing is sent until the centre
/// approves it. Changes go out one at a time in feed order: <see cref="DeliveredThrough"/> is the last sequence the
/// receiver acknowledged (2xx), so a receiver that was down gets everything after it, in order, once it answers.
/// The centre's decisions are methods here (audited); delivery progress is written by <see cref="ChangeDispatcher"/>
/// with single-statement updates, so thousands of deliveries do not fill the audit log.
/// </summary>
internal sealed class WebhookSubscription : IAudited
{
    private WebhookSubscription() { }

    public WebhookSubscription(Guid id, string departmentId, string url, IReadOnlyCollection<ChangeKind> kinds, string protectedSecret,
        long deliveredThrough, string requestedBy, DateTime requestedAt)
    {
        (Id, DepartmentId, Url, Kinds, ProtectedSecret) = (id, departmentId, url, KindsText(kinds), protectedSecret);
        (DeliveredThrough, RequestedBy, RequestedAt, Status) = (deliveredThrough, requestedBy, requestedAt, SubscriptionStatus.Pending);
    }

    public Guid Id { get; private set; }
    public string DepartmentId { get; private set; } = "";
    public string Url { get; private set; } = "";

    /// <summary>The change kinds wanted, comma-separated ("Published,Revoked").</summary>
    public string Kinds { get; private set; } = "";

    /// <summary>The signing secret, encrypted with the app's data-protection keys; shown in clear once, to the department.</summary>
    [NotAudited] public string ProtectedSecret { get; private set; } = "";
    public SubscriptionStatus Status { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public long DeliveredThrough { get; private set; }
    [NotAudited] public int Failures { get; private set; }
    [NotAudited] public DateTime? NextAttemptAt { get; private set; }
    [NotAudited] public string? LastError { get; private set; }

    /// <summary>While set and in the future, one instance is delivering to this subscription; the others leave it alone.</summary>
    [NotAudited] public DateTime? LeaseUntil { get; private set; }

    public IReadOnlyList<ChangeKind> KindList =>
        Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ChangeKind>).ToList();

    public bool Wants(ChangeKind kind) => KindList.Contains(kind);

    public static string KindsText(IEnumerable<ChangeKind> kinds) => string.Join(',', kinds.Distinct().Order());

    public void Approve(string by, DateTime now) => Decide(SubscriptionStatus.Approved, by, now, SubscriptionStatus.Pending, SubscriptionStatus.Suspended);

    public void Reject(string by, DateTime now) => Decide(SubscriptionStatus.Rejected, by, now, SubscriptionStatus.Pending);

    public void Suspend(string by, DateTime now) => Decide(SubscriptionStatus.Suspended, by, now, SubscriptionStatus.Approved);

    private void Decide(SubscriptionStatus to, string by, DateTime now, params SubscriptionStatus[] from)
    {
        if (!from.Contains(Status)) throw new InvalidOperationException($"Subscription {Id} is {Status}; it cannot become {to}.");
        (Status, DecidedBy, DecidedAt) = (to, by, now);
        if (to == SubscriptionStatus.Approved) (Failures, NextAttemptAt, LastError) = (0, null, null);
    }

    /// <summary>Replay: deliver again every wanted change after <paramref name="sequence"/> (the receiver sees them a second time).</summary>
    public void RewindTo(long sequence)
    {
        if (sequence < 0) throw new ArgumentOutOfRangeException(nameof(sequence));
        (DeliveredThrough, Failures, NextAttemptAt, LastError) = (sequence, 0, null, null);
    }

    /// <summary>10 s, 20 s, 40 s … doubling to at most one hour between attempts; delivery resumes in order when the receiver answers.</summary>
    public static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, Math.Min(failures - 1, 12))));

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>One attempt to deliver one change to one subscription: the delivery log the centre and the department read.</summary>
internal sealed class WebhookDelivery
{
    private WebhookDelivery() { }

    public WebhookDelivery(Guid id, Guid subscriptionId, long sequence, ChangeKind kind, int attempt, DateTime at, int durationMs,
        int? statusCode, string? error)
    {
        (Id, SubscriptionId, Sequence, Kind, Attempt, At) = (id, subscriptionId, sequence, kind, attempt, at);
        (DurationMs, StatusCode, Error) = (durationMs, statusCode, error);
    }

    public Guid Id { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public long Sequence { get; private set; }
    public ChangeKind Kind { get; private set; }
    public int Attempt { get; private set; }
    public DateTime At { get; private set; }
    public int DurationMs { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public bool Succeeded => Error is null;
}

internal sealed class WebhookSubscriptionModel : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.ToTable("WebhookSubscriptions");
        e.Ignore(x => x.KindList);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.Url).HasMaxLength(500);
        e.Property(x => x.Kinds).HasMaxLength(200);
        e.Property(x => x.ProtectedSecret).HasMaxLength(1000);
        e.Property(x => x.RequestedBy).HasMaxLength(64);
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.Property(x => x.LastError).HasMaxLength(500);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryModel : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.ToTable("WebhookDeliveries");
        e.Ignore(x => x.Succeeded);
        e.Property(x => x.Error).HasMaxLength(500);
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.SubscriptionId, x.At });
    }
}
