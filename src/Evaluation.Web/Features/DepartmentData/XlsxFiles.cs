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
            header.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) });
        sheet.Worksheet = new Worksheet(new SheetData(header));
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "data" }));
        workbook.Workbook.Save();
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
