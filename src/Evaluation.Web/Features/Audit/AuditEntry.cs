namespace Evaluation.Web.Features.Audit;

/// <summary>One change to an audited entity. Append-only: the context refuses to update or delete it.</summary>
internal sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(Guid id, DateTime at, string actor, Guid? actorUserId, string entityType, string entityId,
        string action, string changes, string? reason)
    {
        (Id, At, Actor, ActorUserId, EntityType, EntityId) = (id, at, actor, actorUserId, entityType, entityId);
        (Action, Changes, Reason) = (action, changes, reason);
    }

    public Guid Id { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; } = "";
    public Guid? ActorUserId { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; private set; } = "";

    /// <summary>JSON object: property → { old, new }.</summary>
    public string Changes { get; private set; } = "";
    public string? Reason { get; private set; }
}

/// <summary>Marks an entity whose every change is written to the audit log.</summary>
internal interface IAudited
{
    string AuditKey { get; }
}

/// <summary>Keeps a property's values out of the audit log (secrets such as password hashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotAuditedAttribute : Attribute;
