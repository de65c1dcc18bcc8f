using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Supervision;

/// <summary>
/// Something a department recorded about an enterprise on a date (an accident, a listing, a conviction, a
/// changed credit grade): the catalogue input it set, the value it set it to, and where the fact went.
/// </summary>
internal sealed class SupervisionEvent : IAudited, IEnterpriseRecord, IDepartmentRecord
{
    private SupervisionEvent() { }

    public SupervisionEvent(Guid id, Guid enterpriseId, string departmentId, string inputId, string value, DateOnly occurredOn,
        string? note, Guid? campaignId, Guid? factId, string recordedBy, DateTime recordedAt)
    {
        (Id, EnterpriseId, DepartmentId, InputId, Value, OccurredOn) = (id, enterpriseId, departmentId, inputId, value, occurredOn);
        (Note, CampaignId, FactId, RecordedBy, RecordedAt) = (note, campaignId, factId, recordedBy, recordedAt);
    }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string DepartmentId { get; private set; } = "";

    /// <summary>The catalogue input the event sets (its type: <see cref="EventType"/> with the same id).</summary>
    public string InputId { get; private set; } = "";
    public string Value { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The open campaign the department fact was written to; null when the enterprise has no application there.</summary>
    public Guid? CampaignId { get; private set; }
    public Guid? FactId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    /// <summary>
    /// The one-vote vetoes the event fired (comma-separated ids), null for none: the joint rules' dated veto events.
    /// Derived by the engine after the event is stored, like a snapshot's ScoreCard, so not audited as a change of the
    /// event (the save that sets it gives its reason, and the measures it starts are audited with the veto named).
    /// </summary>
    [NotAudited] public string? Vetoes { get; private set; }

    public IReadOnlyList<string> FiredVetoes => Vetoes is null ? [] : Vetoes.Split(',');

    public void RecordVetoes(IEnumerable<string> vetoIds) => Vetoes = string.Join(",", vetoIds.Order(StringComparer.Ordinal)) is { Length: > 0 } v ? v : null;

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>A department's supervision class (监管分类 A–D) for an enterprise, from a date.</summary>
internal sealed class SupervisionClass : IAudited, IEnterpriseRecord, IDepartmentRecord
{
    private SupervisionClass() { }

    public SupervisionClass(Guid id, Guid enterpriseId, string departmentId, Grade @class, DateOnly effectiveOn, string? note,
        string? inputId, string recordedBy, DateTime recordedAt)
    {
        (Id, EnterpriseId, DepartmentId, Class, EffectiveOn, Note) = (id, enterpriseId, departmentId, @class, effectiveOn, note);
        (InputId, RecordedBy, RecordedAt) = (inputId, recordedBy, recordedAt);
    }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string DepartmentId { get; private set; } = "";
    public Grade Class { get; private set; }
    public DateOnly EffectiveOn { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The department's A–D grade input the class also set (e.g. 信用办 credit_grade), if the catalogue has one.</summary>
    public string? InputId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>
/// A case for the centre (动态管理): an event fired a veto on an enterprise whose published rating is valid.
/// The centre confirms (the rating is revoked or downgraded, the reason published) or dismisses it.
/// </summary>
internal sealed class SupervisionCase : IAudited, IEnterpriseRecord
{
    private SupervisionCase() { }

    public SupervisionCase(Guid id, Guid enterpriseId, Guid ratingId, Guid eventId, string vetoId, string vetoName, DateTime openedAt)
    {
        (Id, EnterpriseId, RatingId, EventId, VetoId, VetoName, OpenedAt) = (id, enterpriseId, ratingId, eventId, vetoId, vetoName, openedAt);
        Status = CaseStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid RatingId { get; private set; }
    public Guid EventId { get; private set; }
    public string VetoId { get; private set; } = "";
    public string VetoName { get; private set; } = "";
    public DateTime OpenedAt { get; private set; }
    public CaseStatus Status { get; private set; }

    /// <summary>The grade a confirmation downgraded to; null when it revoked.</summary>
    public Grade? DowngradedTo { get; private set; }
    public string? Decision { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public void Confirm(Grade? downgradeTo, string reason, string by, DateTime now)
    {
        Decide(reason);
        (Status, DowngradedTo, Decision, DecidedBy, DecidedAt) = (CaseStatus.Confirmed, downgradeTo, reason.Trim(), by, now);
    }

    public void Dismiss(string reason, string by, DateTime now)
    {
        Decide(reason);
        (Status, Decision, DecidedBy, DecidedAt) = (CaseStatus.Dismissed, reason.Trim(), by, now);
    }

    private void Decide(string reason)
    {
        if (Status != CaseStatus.Open) throw new InvalidOperationException($"Case {Id} is already decided.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A decision says why.", nameof(reason));
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum CaseStatus { Open, Confirmed, Dismissed }

/// <summary>A published change to a rating after publication (downgraded or revoked), with its public reason.</summary>
internal sealed class RatingChange : IAudited, IEnterpriseRecord
{
    private RatingChange() { }

    public RatingChange(Guid id, Guid ratingId, Guid enterpriseId, RatingChangeKind kind, Grade fromGrade, Grade? toGrade,
        string reason, DateTime at, Guid? caseId)
    {
        (Id, RatingId, EnterpriseId, Kind, FromGrade, ToGrade) = (id, ratingId, enterpriseId, kind, fromGrade, toGrade);
        (Reason, At, CaseId) = (reason, at, caseId);
    }

    public Guid Id { get; private set; }
    public Guid RatingId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public RatingChangeKind Kind { get; private set; }
    public Grade FromGrade { get; private set; }
    public Grade? ToGrade { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime At { get; private set; }
    public Guid? CaseId { get; private set; }

    string IAudited.AuditKey => Id.ToString();
}

internal enum RatingChangeKind { Downgraded, Revoked }
