using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace Evaluation.Web.Features.Shared;

/// <summary>
/// How a stored moment is shown. Every timestamp is stored in UTC (from <see cref="TimeProvider.GetUtcNow"/>);
/// a person reads it in Ningbo's time, Asia/Shanghai (UTC+8 all year, no daylight saving), with its zone named:
/// <c>2026-12-04 16:05 北京时间</c> in Chinese, <c>2026-12-04 16:05 (UTC+8)</c> in English. Pages, exports and the
/// PDF report all come through here, so no page prints a bare UTC clock time again. Dates taken from a
/// timestamp (when was this revoked?) are Ningbo dates too (<see cref="NingboDate"/>).
/// </summary>
internal static class NingboTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The zone's name as the page's language writes it.</summary>
    public static string Zone => Localization.LocalizationExtensions.IsEnglish ? "(UTC+8)" : "北京时间";

    /// <summary>The wall-clock time in Ningbo of a stored UTC moment (a kind other than Utc is read as UTC: that is how it was stored).</summary>
    public static DateTime ToNingbo(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + Offset;

    /// <summary>The calendar day in Ningbo of a stored UTC moment.</summary>
    public static DateOnly NingboDate(this DateTime utc) => DateOnly.FromDateTime(ToNingbo(utc));

    /// <summary>"2026-12-04 16:05 北京时间" / "2026-12-04 16:05 (UTC+8)"; "—" for none.</summary>
    public static string Text(DateTime? utc, bool seconds = false) => utc is { } t
        ? $"{ToNingbo(t).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {Zone}"
        : "—";

    /// <summary>The same text in a &lt;time&gt; element whose datetime attribute is the stored UTC moment.</summary>
    public static IHtmlContent Html(DateTime? utc, bool seconds = false) => utc is { } t
        ? new HtmlString($"<time datetime=\"{DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{WebUtility.HtmlEncode(Text(t, seconds))}</time>")
        : new HtmlString("—");

    /// <summary>For files (CSV/XLSX, the PDF report), where the zone goes in the cell: "2026-12-04 16:05 (UTC+8)" in any language.</summary>
    public static string Invariant(DateTime utc) =>
        ToNingbo(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";
}
