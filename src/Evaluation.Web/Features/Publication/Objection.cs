using Evaluation.Web.Features.Audit;

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

    public void Resolve(bool upheld, string response, DateTime now)
    {
        if (Status != ObjectionStatus.Open) throw new InvalidOperationException($"Objection {Id} is already resolved.");
        (Status, Response, ResolvedAt) = (upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed, response, now);
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum ObjectionStatus { Open, Upheld, Dismissed }
