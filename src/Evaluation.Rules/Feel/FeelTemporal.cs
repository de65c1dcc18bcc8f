using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Evaluation.Rules.Feel;

/// <summary>
/// A FEEL date: a day of the proleptic Gregorian calendar, years −999,999,999 to 999,999,999 (DMN 1.5), so
/// <c>date("-2017-12-31")</c> is a value and not an error. <see cref="DayNumber"/> counts days from 0001-01-01
/// like <see cref="DateOnly.DayNumber"/>, so a host <see cref="DateOnly"/> converts without arithmetic.
/// </summary>
public readonly record struct FeelDate(long DayNumber) : IComparable<FeelDate>
{
    internal const long MaxYear = 999_999_999;

    // Days from 0001-01-01 to 1970-01-01: the civil algorithms below count from 1970.
    private const long UnixEpochDay = 719_162;

    public static implicit operator FeelDate(DateOnly date) => new(date.DayNumber);

    /// <summary>The same day as a <see cref="DateOnly"/>; null outside years 1–9999.</summary>
    public DateOnly? ToDateOnly() => DayNumber is >= 0 and <= 3_652_058 ? DateOnly.FromDayNumber((int)DayNumber) : null;

    public int CompareTo(FeelDate other) => DayNumber.CompareTo(other.DayNumber);

    public static bool operator <(FeelDate a, FeelDate b) => a.DayNumber < b.DayNumber;

    public static bool operator >(FeelDate a, FeelDate b) => a.DayNumber > b.DayNumber;

    public static bool operator <=(FeelDate a, FeelDate b) => a.DayNumber <= b.DayNumber;

    public static bool operator >=(FeelDate a, FeelDate b) => a.DayNumber >= b.DayNumber;

    /// <summary>The date of a year, month and day; null when the day does not exist or the year is out of range.</summary>
    public static FeelDate? From(long year, long month, long day)
    {
        if (Math.Abs(year) > MaxYear || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, (int)month)) return null;
        return new FeelDate(DaysFromCivil(year, (int)month, (int)day) + UnixEpochDay);
    }

    public long Year => Civil().Year;

    public int Month => Civil().Month;

    public int Day => Civil().Day;

    /// <summary>ISO weekday, 1 = Monday … 7 = Sunday.</summary>
    public int Weekday => (int)(((DayNumber % 7) + 7) % 7) + 1;

    public (long Year, int Month, int Day) Civil()
    {
        // H. Hinnant's civil_from_days: exact for any year, negative ones included.
        var z = DayNumber - UnixEpochDay + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var doe = z - (era * 146_097);
        var yoe = (doe - (doe / 1460) + (doe / 36_524) - (doe / 146_096)) / 365;
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return ((yoe + (era * 400)) + (m <= 2 ? 1 : 0), m, d);
    }

    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146_097) + doe - 719_468;
    }

    public static bool IsLeapYear(long y) => (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    public static int DaysInMonth(long year, int month) =>
        month == 2 ? (IsLeapYear(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>This date moved by whole months; the day is clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).</summary>
    public FeelDate? AddMonths(long months)
    {
        var (y, m, d) = Civil();
        var total = (y * 12) + (m - 1) + months;
        var year = total >= 0 ? total / 12 : ((total + 1) / 12) - 1;
        var month = (int)(total - (year * 12)) + 1;
        return From(year, month, Math.Min(d, DaysInMonth(year, month)));
    }

    public override string ToString()
    {
        var (y, m, d) = Civil();
        return FormattableString.Invariant($"{FeelTemporal.Year(y)}-{m:00}-{d:00}");
    }
}

/// <summary>A FEEL time of day, to the nanosecond, with an optional UTC offset or zone id (never both).</summary>
public sealed record FeelTime(long Nanos, int? OffsetSeconds, string? Zone)
{
    public int Hour => (int)(Nanos / FeelTemporal.NanosPerHour);

    public int Minute => (int)(Nanos / FeelTemporal.NanosPerMinute % 60);

    public decimal Second => (Nanos % FeelTemporal.NanosPerMinute) / 1_000_000_000m;

    public override string ToString() => FeelTemporal.FormatTime(Nanos) + FeelTemporal.FormatZone(OffsetSeconds, Zone);
}

/// <summary>A FEEL date and time: a date, a time of day and an optional UTC offset or zone id.</summary>
public sealed record FeelDateTime(FeelDate Date, long Nanos, int? OffsetSeconds, string? Zone)
{
    public FeelTime Time => new(Nanos, OffsetSeconds, Zone);

    /// <summary>The UTC offset in force: the given one, the zone's at this instant, or null for a local date-time.</summary>
    public int? EffectiveOffset => OffsetSeconds ?? (Zone is null ? null : FeelTemporal.ZoneOffset(Zone, this));

    /// <summary>Nanoseconds from 0001-01-01T00:00 of the local clock reading.</summary>
    public decimal LocalNanos => (Date.DayNumber * (decimal)FeelTemporal.NanosPerDay) + Nanos;

    public override string ToString() => $"{Date}T{FeelTemporal.FormatTime(Nanos)}{FeelTemporal.FormatZone(OffsetSeconds, Zone)}";
}

/// <summary>A days-and-time duration, exact to the nanosecond (seconds as a decimal).</summary>
public readonly record struct FeelDuration(decimal Seconds) : IComparable<FeelDuration>
{
    public int CompareTo(FeelDuration other) => Seconds.CompareTo(other.Seconds);

    public long Days => (long)decimal.Truncate(Seconds / 86_400);

    public long Hours => (long)decimal.Truncate(Seconds / 3600 % 24);

    public long Minutes => (long)decimal.Truncate(Seconds / 60 % 60);

    public decimal SecondsPart => decimal.Truncate(Seconds % 60);

    public override string ToString()
    {
        if (Seconds == 0) return "PT0S";
        var abs = Math.Abs(Seconds);
        var days = decimal.Truncate(abs / 86_400);
        var rest = abs - (days * 86_400);
        var hours = decimal.Truncate(rest / 3600);
        rest -= hours * 3600;
        var minutes = decimal.Truncate(rest / 60);
        var seconds = rest - (minutes * 60);
        var sb = new StringBuilder(Seconds < 0 ? "-P" : "P");
        if (days != 0) sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        if (hours != 0 || minutes != 0 || seconds != 0)
        {
            sb.Append('T');
            if (hours != 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            if (minutes != 0) sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            if (seconds != 0) sb.Append(FeelTemporal.Plain(seconds)).Append('S');
        }
        return sb.ToString();
    }
}

/// <summary>A years-and-months duration, as a whole number of months.</summary>
public readonly record struct FeelYearsMonths(long Months) : IComparable<FeelYearsMonths>
{
    public int CompareTo(FeelYearsMonths other) => Months.CompareTo(other.Months);

    public long Years => Months / 12;

    public long MonthsPart => Months % 12;

    public override string ToString()
    {
        if (Months == 0) return "P0M";
        var abs = Math.Abs(Months);
        var sb = new StringBuilder(Months < 0 ? "-P" : "P");
        if (abs / 12 != 0) sb.Append((abs / 12).ToString(CultureInfo.InvariantCulture)).Append('Y');
        if (abs % 12 != 0) sb.Append((abs % 12).ToString(CultureInfo.InvariantCulture)).Append('M');
        return sb.ToString();
    }
}

/// <summary>Parsing, formatting, comparison and arithmetic of the temporal values.</summary>
internal static partial class FeelTemporal
{
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 60 * NanosPerMinute;
    public const long NanosPerDay = 24 * NanosPerHour;

    // A year has 4 digits, or more without a leading zero; the sign is optional (DMN 1.5, XML Schema 1.1).
    private const string YearPattern = @"-?(?:[1-9][0-9]{4,8}|[0-9]{4})";
    private const string TimePattern = @"([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]*)?";
    private const string ZonePattern = @"(Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?|@[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)*)?";

    [GeneratedRegex("^(" + YearPattern + ")-([0-9]{2})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex("^" + TimePattern + ZonePattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    [GeneratedRegex("^(" + YearPattern + ")-([0-9]{2})-([0-9]{2})T" + TimePattern + ZonePattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex(@"^(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]*)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    public static string Year(long y) => y < 0
        ? "-" + (-y).ToString("0000", CultureInfo.InvariantCulture)
        : y.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros or exponent.</summary>
    public static string Plain(decimal d) => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) is var s && s.Contains('.', StringComparison.Ordinal)
        ? s.TrimEnd('0').TrimEnd('.')
        : s;

    public static string FormatTime(long nanos)
    {
        var sb = new StringBuilder(FormattableString.Invariant($"{nanos / NanosPerHour:00}:{nanos / NanosPerMinute % 60:00}:{nanos / NanosPerSecond % 60:00}"));
        var fraction = nanos % NanosPerSecond;
        if (fraction != 0) sb.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        return sb.ToString();
    }

    public static string FormatZone(int? offset, string? zone)
    {
        if (zone is not null) return "@" + zone;
        if (offset is not { } o) return "";
        if (o == 0) return "Z";
        var abs = Math.Abs(o);
        var text = FormattableString.Invariant($"{(o < 0 ? '-' : '+')}{abs / 3600:00}:{abs / 60 % 60:00}");
        return abs % 60 == 0 ? text : text + FormattableString.Invariant($":{abs % 60:00}");
    }

    public static FeelDate? ParseDate(string text)
    {
        var m = DateRegex().Match(text);
        return m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
            ? FeelDate.From(y, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }

    public static FeelTime? ParseTime(string text)
    {
        var m = TimeRegex().Match(text);
        if (!m.Success || TimeOfDay(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value) is not { } nanos) return null;
        return ParseZone(m.Groups[5].Value, out var offset, out var zone) ? new FeelTime(nanos % NanosPerDay, offset, zone) : null;
    }

    public static FeelDateTime? ParseDateTime(string text)
    {
        if (ParseDate(text) is { } date) return new FeelDateTime(date, 0, null, null);
        var m = DateTimeRegex().Match(text);
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)) return null;
        var day = FeelDate.From(y, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        var nanos = TimeOfDay(m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value, m.Groups[7].Value);
        if (day is null || nanos is null || !ParseZone(m.Groups[8].Value, out var offset, out var zone)) return null;
        var dateTime = new FeelDateTime(day.Value, 0, offset, zone);
        return nanos == NanosPerDay ? Add(dateTime, new FeelDuration(86_400)) : dateTime with { Nanos = nanos.Value };
    }

    private static long? TimeOfDay(string h, string m, string s, string fraction)
    {
        var (hour, minute, second) = (int.Parse(h, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture), int.Parse(s, CultureInfo.InvariantCulture));
        var nanos = fraction.Length > 1 ? long.Parse(fraction[1..].PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
        // 24:00:00 is the end of the day (XML Schema): the next day's midnight, one day's worth of nanoseconds here.
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) return NanosPerDay;
        if (hour > 23 || minute > 59 || second > 59) return null;
        return (hour * NanosPerHour) + (minute * NanosPerMinute) + (second * NanosPerSecond) + nanos;
    }

    private static bool ParseZone(string text, out int? offset, out string? zone)
    {
        (offset, zone) = (null, null);
        if (text.Length == 0) return true;
        if (text == "Z") { offset = 0; return true; }
        if (text[0] == '@')
        {
            zone = text[1..];
            return FindZone(zone) is not null;
        }
        var parts = text[1..].Split(':');
        var seconds = (int.Parse(parts[0], CultureInfo.InvariantCulture) * 3600) + (int.Parse(parts[1], CultureInfo.InvariantCulture) * 60)
            + (parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0);
        offset = text[0] == '-' ? -seconds : seconds;
        return seconds <= 18 * 3600;
    }

    public static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>A zone's UTC offset at a local date-time; the standard offset outside years 1–9999.</summary>
    public static int? ZoneOffset(string zone, FeelDateTime local)
    {
        if (FindZone(zone) is not { } tz) return null;
        if (local.Date.ToDateOnly() is not { } d) return (int)tz.BaseUtcOffset.TotalSeconds;
        var at = d.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromTicks(local.Nanos / 100)), DateTimeKind.Unspecified);
        return (int)tz.GetUtcOffset(at).TotalSeconds;
    }

    /// <summary>The time offset of a time value: its own, or its zone's standard offset.</summary>
    public static int? TimeOffset(FeelTime time) => time.OffsetSeconds ?? (time.Zone is { } z ? (int?)FindZone(z)?.BaseUtcOffset.TotalSeconds : null);

    public static object? ParseDuration(string text)
    {
        var m = DurationRegex().Match(text);
        if (!m.Success || text.EndsWith('T') || text is "P" or "-P") return null;
        var negative = m.Groups[1].Success;
        bool ym = m.Groups[2].Success || m.Groups[3].Success, dt = m.Groups[4].Success || m.Groups[5].Success || m.Groups[6].Success || m.Groups[7].Success;
        if (ym && dt) return null;
        try
        {
            if (ym)
            {
                var months = (Number(m.Groups[2]) * 12) + Number(m.Groups[3]);
                return new FeelYearsMonths((long)(negative ? -months : months));
            }
            var seconds = (Number(m.Groups[4]) * 86_400) + (Number(m.Groups[5]) * 3600) + (Number(m.Groups[6]) * 60) + Number(m.Groups[7]);
            return new FeelDuration(negative ? -seconds : seconds);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal Number(Group g) => g.Success ? decimal.Parse(g.Value.TrimEnd('.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;

    // ---- comparison: temporal values are compared to the millisecond, as the DMN TCK demands ----

    private static decimal Millis(decimal nanos) => decimal.Floor(nanos / 1_000_000);

    /// <summary>Orders two times or two date-times; null when one has a time zone and the other does not.</summary>
    public static int? Compare(FeelDateTime a, FeelDateTime b)
    {
        if (a.Zone is not null && a.Zone == b.Zone) return Millis(a.LocalNanos).CompareTo(Millis(b.LocalNanos));
        var (oa, ob) = (a.EffectiveOffset, b.EffectiveOffset);
        if (oa is null != ob is null) return null;
        return Millis(a.LocalNanos - ((oa ?? 0) * (decimal)NanosPerSecond)).CompareTo(Millis(b.LocalNanos - ((ob ?? 0) * (decimal)NanosPerSecond)));
    }

    public static int? Compare(FeelTime a, FeelTime b)
    {
        if (a.Zone is not null && a.Zone == b.Zone) return Millis(a.Nanos).CompareTo(Millis(b.Nanos));
        var (oa, ob) = (TimeOffset(a), TimeOffset(b));
        if (oa is null != ob is null) return null;
        return Millis(a.Nanos - ((oa ?? 0) * NanosPerSecond)).CompareTo(Millis(b.Nanos - ((ob ?? 0) * NanosPerSecond)));
    }

    public static FeelDateTime AtMidnight(FeelDate date) => new(date, 0, null, null);

    /// <summary>A date-time in UTC-normalised nanoseconds, or local nanoseconds when it has no zone.</summary>
    private static decimal Instant(FeelDateTime d) => d.LocalNanos - ((d.EffectiveOffset ?? 0) * (decimal)NanosPerSecond);

    // ---- arithmetic ----

    public static object? Subtract(FeelDateTime a, FeelDateTime b)
    {
        if (a.EffectiveOffset is null != b.EffectiveOffset is null) return null;
        return new FeelDuration((Instant(a) - Instant(b)) / NanosPerSecond);
    }

    public static FeelDateTime? Add(FeelDateTime d, FeelDuration duration)
    {
        var nanos = d.LocalNanos + (duration.Seconds * NanosPerSecond);
        var day = decimal.Floor(nanos / NanosPerDay);
        var date = new FeelDate((long)day);
        if (Math.Abs(date.Year) > FeelDate.MaxYear) return null;
        return d with { Date = date, Nanos = (long)(nanos - (day * NanosPerDay)) };
    }

    public static FeelDateTime? Add(FeelDateTime d, FeelYearsMonths duration) =>
        d.Date.AddMonths(duration.Months) is { } date ? d with { Date = date } : null;

    public static FeelTime Add(FeelTime t, FeelDuration duration)
    {
        var nanos = (t.Nanos + (duration.Seconds * NanosPerSecond)) % NanosPerDay;
        return t with { Nanos = (long)(nanos < 0 ? nanos + NanosPerDay : nanos) };
    }

    public static object? Subtract(FeelTime a, FeelTime b)
    {
        var (oa, ob) = (TimeOffset(a), TimeOffset(b));
        if (oa is null != ob is null) return null;
        return new FeelDuration((a.Nanos - ((oa ?? 0) * NanosPerSecond) - (b.Nanos - ((ob ?? 0) * NanosPerSecond))) / (decimal)NanosPerSecond);
    }

    /// <summary>Whole months from one date-time to another (years and months duration(from, to)).</summary>
    public static FeelYearsMonths MonthsBetween(FeelDateTime from, FeelDateTime to)
    {
        var (fy, fm, fd) = from.Date.Civil();
        var (ty, tm, td) = to.Date.Civil();
        var months = ((ty - fy) * 12) + (tm - fm);
        // A partial month does not count; the time of day is not looked at (the DMN TCK's reading).
        if (months > 0 && td < fd) months--;
        else if (months < 0 && td > fd) months++;
        return new FeelYearsMonths(months);
    }
}
