using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// The department sheet as XLSX, with the Open XML SDK alone (docs/decisions/0020-one-xlsx-library.md): the
/// template through the exports' streamed writer, uploads read forwards with its SAX reader (first sheet).
/// </summary>
internal static class XlsxFiles
{
    public static void WriteTemplate(Stream stream, IEnumerable<InputDefinition> inputs)
    {
        using var _ = new Exports.XlsxSheet(stream, SheetValidation.Headers(inputs));
    }

    /// <summary>What the workbook may expand to: a department sheet of 100,000 rows is a few tens of MB of XML.</summary>
    public const long MaxExpandedBytes = 256L * 1024 * 1024;

    /// <summary>Expansion ratio no real workbook reaches (repetitive sheet XML compresses about 10–50 times).</summary>
    public const long MaxRatio = 200;

    /// <summary>
    /// Why the workbook must not be opened, or null: a zip bomb (an entry that inflates beyond reason) is
    /// refused from the sizes its directory declares, before any XML is read. The stream is left at its start.
    /// </summary>
    public static string? ExpansionProblem(Stream stream)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxExpandedBytes || (entry.Length > 1024 * 1024 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxRatio))
                    return $"文件解压后过大（疑似压缩炸弹）：{entry.FullName} 展开为 {entry.Length / 1024 / 1024} MB / " +
                           $"the workbook expands beyond reason ({entry.FullName}: {entry.Length / 1024 / 1024} MB), refused as a possible zip bomb";
            }
            return null;
        }
        catch (InvalidDataException) { return null; } // not a zip: the reader says so in its own words
        finally { stream.Position = 0; }
    }

    /// <summary>
    /// The first sheet's rows, read one row at a time (<see cref="OpenXmlReader"/>): a row's number is the one
    /// Excel shows, its cells placed by their column letters (a cell left empty leaves a gap, not a shift).
    /// Shared strings are read once, forwards too; numbers and dates are written the way the CSV would have them.
    /// Throws <see cref="InvalidDataException"/> (or the SDK's own exceptions) for a file that is not a workbook.
    /// </summary>
    public static IEnumerable<SheetRow> Rows(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxExpandedBytes });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part / 文件中没有工作簿");
        var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()?.Id?.Value;
        if (first is null || workbook.GetPartById(first) is not WorksheetPart sheet)
            throw new InvalidDataException("the workbook has no sheet / 工作簿中没有工作表");
        var strings = SharedStrings(workbook.SharedStringTablePart);
        var dates = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
        var date1904 = workbook.Workbook!.WorkbookProperties?.Date1904?.Value == true;

        using var reader = OpenXmlReader.Create(sheet);
        var next = 1;
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) { more = reader.Read(); continue; }
            var row = (Row)reader.LoadCurrentElement()!; // moves the reader past the row
            more = !reader.EOF;
            var line = row.RowIndex?.Value is { } index ? (int)index : next;
            next = line + 1;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? Column(reference) : cells.Count;
                while (cells.Count < column) cells.Add("");
                var text = Text(cell, strings, dates, date1904);
                if (column < cells.Count) cells[column] = text; else cells.Add(text);
            }
            yield return new SheetRow(line, cells);
        }
    }

    /// <summary>The zero-based column of a reference such as <c>AB12</c>.</summary>
    private static int Column(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = column * 26 + (c - 'a' + 1);
            else break;
            if (column > 16_384) throw new InvalidDataException($"cell reference {reference} is beyond the last column (XFD)");
        }
        return column == 0 ? throw new InvalidDataException($"cell reference {reference} names no column") : column - 1;
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var result = new List<string>();
        if (part is null) return result;
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement) { more = reader.Read(); continue; }
            result.Add(ItemText(reader.LoadCurrentElement()!));
            more = !reader.EOF;
        }
        return result;
    }

    /// <summary>The text of a shared or inline string: its plain text, or its rich-text runs, never the phonetic guide (rPh).</summary>
    private static string ItemText(OpenXmlElement item) =>
        item.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.Text>() is { } text ? text.Text : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    /// <summary>Which cell styles (indexes into cellXfs) show a number as a date.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var result = new HashSet<uint>();
        if (styles?.CellFormats is not { } formats) return result;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in formats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 or >= 27 and <= 36 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && IsDateFormat(code)))
                result.Add(index);
            index++;
        }
        return result;
    }

    /// <summary>A custom number format is a date when it has a date or time letter outside quotes, brackets and escapes.</summary>
    private static bool IsDateFormat(string code)
    {
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\\' or '_' or '*') i++;
            else if (c == '[') { var end = code.IndexOf(']', i); if (end < 0) return false; i = end; }
            else if (c is 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S') return true;
        }
        return false;
    }

    /// <summary>A cell as text: numbers as the CSV would have them (shortest round-trip), dates as yyyy-MM-dd, booleans as true/false; errors are empty.</summary>
    private static string Text(Cell cell, List<string> strings, HashSet<uint> dates, bool date1904)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? ItemText(inline) : value ?? "";
        if (value is null) return "";
        if (type == CellValues.SharedString)
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count
                ? strings[i]
                : throw new InvalidDataException($"cell {cell.CellReference?.Value} refers to shared string {value}, which the workbook does not have");
        if (type == CellValues.Boolean) return value == "1" ? "true" : "false";
        if (type == CellValues.Error) return "";
        if (type == CellValues.String) return value;
        if (type == CellValues.Date)
            return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return value;
        if (cell.StyleIndex?.Value is { } style && dates.Contains(style) && number is > -657435 and < 2958466)
            return DateTime.FromOADate(date1904 ? number + 1462 : number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return number.ToString("R", CultureInfo.InvariantCulture);
    }
}
