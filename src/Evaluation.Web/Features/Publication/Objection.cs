namespace Evaluation.Web.Features.Publication;

/// <summary>An objection (异议) raised against an application's result during public notice.</summary>
internal sealed class Objection : IAudited
{
    private Objection() { }

    public Objection(Guid id, Guid applicationId, string raisedBy, Guid? raisedByUserId, string text, DateTime raisedAt)
    {
        (Id, ApplicationId, RaisedBy, RaisedByUserId, Text, RaisedAt) = (id, applicationId, raisedBy, raisedByUserId, text, raisedAt);
        Status = ObjectionStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string RaisedBy { get; private set; } = "";
    public Guid? RaisedByUserId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime RaisedAt { get; private set; }
    public ObjectionStatus Status { get; private set; }
    public string? Response { get; private set; }
    public DateTime? ResolvedAt { get; private set; }

    /// <summary>The reviewer who answered.</summary>
    public string? ResolvedBy { get; private set; }

    public void Resolve(bool upheld, string response, DateTime now, string? resolvedBy = null)
    {
        if (Status != ObjectionStatus.Open) throw new InvalidOperationException($"Objection {Id} is already resolved.");
        if (string.IsNullOrWhiteSpace(response)) throw new ArgumentException("An answer gives its reason.", nameof(response));
        (Status, Response, ResolvedAt, ResolvedBy) = (upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed, response.Trim(), now, resolvedBy);
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum ObjectionStatus { Open, Upheld, Dismissed }
