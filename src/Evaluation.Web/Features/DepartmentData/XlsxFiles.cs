using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>The department sheet as XLSX: the template written with OpenXML, uploads read with ExcelDataReader (first sheet).</summary>
internal static class XlsxFiles
{
    public static void WriteTemplate(Stream stream, IEnumerable<InputDefinition> inputs)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        var header = new Row { RowIndex = 1 };
        foreach (var text in SheetValidation.Headers(inputs))
            header.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Shared.SpreadsheetText.Cell(text))) });
        sheet.Worksheet = new Worksheet(new SheetData(header));
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "data" }));
        workbook.Workbook.Save();
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

    public static IEnumerable<SheetRow> Rows(Stream stream)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        var line = 0;
        while (reader.Read())
        {
            line++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = Text(reader.GetValue(i));
            yield return new SheetRow(line, cells);
        }
    }

    /// <summary>Excel stores numbers as doubles and dates as dates: write them back the way the CSV would have them.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
