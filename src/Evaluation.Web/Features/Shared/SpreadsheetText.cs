namespace Evaluation.Web.Features.Shared;

/// <summary>
/// Text written into a CSV or XLSX a person will open in Excel or WPS. A cell whose text starts with
/// <c>= + - @</c> (or a tab or carriage return) is taken as a formula by a spreadsheet opening a CSV
/// (CSV injection: <c>=HYPERLINK(...)</c>, <c>+cmd|' /C calc'!A0</c>, <c>@SUM(...)</c>), so such text is
/// written with a leading apostrophe, which the spreadsheet shows as text (OWASP's advice). XLSX cells are
/// written as inline strings, never as formula cells; the same neutralised text keeps both exports alike.
/// Every export of stored text (templates, error files, data exports) goes through <see cref="Cell"/>.
/// </summary>
internal static class SpreadsheetText
{
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) || !IsFormulaLike(text) ? text ?? "" : "'" + text;

    /// <summary>True when a spreadsheet would read the text as a formula.</summary>
    public static bool IsFormulaLike(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
