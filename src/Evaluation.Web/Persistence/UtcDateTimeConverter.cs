using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Evaluation.Web.Persistence;

/// <summary>
/// Every timestamp is UTC. SQLite hands DateTimes back as Unspecified and Npgsql refuses to write
/// them to timestamptz, so the kind is fixed on the way in and out.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
