using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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
            if (property.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
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
