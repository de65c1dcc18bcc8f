using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>XLSX files for upload tests, written with OpenXML as a spreadsheet program would save them.</summary>
internal static class Workbooks
{
    /// <summary>A one-sheet workbook; a string starting with '=' is written as a formula cell, as Excel would keep it.</summary>
    public static byte[] OneSheet(string[] header, object[] row)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(Row(1, header), Row(2, row)));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "data" }));
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<object> cells)
    {
        var row = new Row { RowIndex = index };
        foreach (var cell in cells)
            row.Append(cell switch
            {
                double d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d) },
                // Excel keeps a formula with its last result; a reader sees the result, never the formula.
                string f when f.StartsWith('=') => new Cell { CellFormula = new CellFormula(f[1..]), DataType = CellValues.String, CellValue = new CellValue("click") },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text((string)cell)) },
            });
        return row;
    }
}
