namespace Evaluation.Web.Features.Shared;

/// <summary>
/// The centre's calendar. Phases, notice periods, validity, event dates and waiting periods are calendar dates
/// in Ningbo (UTC+8, no daylight saving): between 00:00 and 08:00 there the UTC date is still yesterday's.
/// Every "today" in the platform comes from here, so two pages never disagree about the date.
/// </summary>
internal static class NingboCalendar
{
    private static readonly TimeSpan Offset = NingboTime.Offset;

    public static DateOnly NingboToday(this TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>00:00 in Ningbo of <paramref name="day"/>, in UTC: when something valid to the day before stops being valid.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Offset;
}
