using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Evaluation.Web.Features.Audit;

/// <summary>Turns tracked changes into audit entries, and refuses any change to an existing entry.</summary>
internal static class AuditTrail
{
    public static List<AuditEntry> Entries(ChangeTracker tracker, string actor, Guid? actorUserId, DateTime now,
        string? reason)
    {
        tracker.DetectChanges();
        var result = new List<AuditEntry>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry) { RefuseRewrite(entry); continue; }
            if (entry.Entity is not IAudited audited) continue;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var changes = Changes(entry);
            if (changes.Count == 0) continue;
            result.Add(new AuditEntry(Guid.NewGuid(), now, actor, actorUserId, entry.Metadata.ClrType.Name,
                audited.AuditKey, entry.State.ToString(), JsonSerializer.Serialize(changes), reason));
        }
        return result;
    }

    /// <summary>
    /// The entry SaveChanges would write for <paramref name="entity"/> being added, for writers that bypass the
    /// change tracker (<see cref="Persistence.BulkWrite"/>): same properties, same order, same text.
    /// </summary>
    public static AuditEntry Added(IEntityType type, IAudited entity, string actor, Guid? actorUserId, DateTime now, string? reason)
    {
        var changes = new Dictionary<string, Change>();
        foreach (var property in type.GetProperties())
            if (!IsNotAudited(property.PropertyInfo))
                changes[property.Name] = new Change(null, Text(property.GetGetter().GetClrValue(entity)));
        return new AuditEntry(Guid.NewGuid(), now, actor, actorUserId, type.ClrType.Name, entity.AuditKey,
            nameof(EntityState.Added), JsonSerializer.Serialize(changes), reason);
    }

    /// <summary>The entry SaveChanges would write for one property of an existing entity changing.</summary>
    public static AuditEntry Modified(string entityType, string key, string property, object? old, object? @new,
        string actor, Guid? actorUserId, DateTime now, string? reason) =>
        new(Guid.NewGuid(), now, actor, actorUserId, entityType, key, nameof(EntityState.Modified),
            JsonSerializer.Serialize(new Dictionary<string, Change> { [property] = new(Text(old), Text(@new)) }), reason);

    /// <summary>
    /// An event that changes no audited column (a sign-in, a download, an export, a session ended): its details are
    /// written as properties that went from nothing to their value, so the log reads like every other entry.
    /// </summary>
    public static AuditEntry Event(string entityType, string entityId, string action, string actor, Guid? actorUserId, DateTime now,
        IReadOnlyDictionary<string, string?> details, string? reason) =>
        new(Guid.NewGuid(), now, Shared.FreeText.Cut(actor, 64), actorUserId, entityType, Shared.FreeText.Cut(entityId, 64), action,
            JsonSerializer.Serialize(details.ToDictionary(d => d.Key, d => new Change(null, d.Value))), reason);

    private static readonly ConcurrentDictionary<PropertyInfo, bool> NotAudited = new();

    private static bool IsNotAudited(PropertyInfo? property) =>
        property is not null && NotAudited.GetOrAdd(property, p => p.GetCustomAttribute<NotAuditedAttribute>() is not null);

    private static void RefuseRewrite(EntityEntry entry)
    {
        if (entry.State is EntityState.Modified or EntityState.Deleted)
            throw new InvalidOperationException("The audit log is append-only: entries are never changed or deleted.");
    }

    private static Dictionary<string, Change> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, Change>();
        foreach (var property in entry.Properties)
        {
            if (IsNotAudited(property.Metadata.PropertyInfo)) continue;
            var old = entry.State == EntityState.Added ? null : property.OriginalValue;
            var @new = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(old, @new))) continue;
            changes[property.Metadata.Name] = new Change(Text(old), Text(@new));
        }
        return changes;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal sealed record Change(string? Old, string? New);
}
