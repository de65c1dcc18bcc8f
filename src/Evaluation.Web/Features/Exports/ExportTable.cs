using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Web.Features.Exports;

/// <summary>
/// Any list a page shows, as the page builds it: headers and rows of cells. Numbers (int, decimal, double)
/// stay numbers; everything else is text. One writer for CSV and one for XLSX serve every page.
/// </summary>
internal sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

internal static class Exports
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static bool IsFormat(string? format) => format is Csv or Xlsx;

    /// <summary>The table as a download: <c>csv</c> (UTF-8 with BOM, for Excel) or <c>xlsx</c>.</summary>
    public static FileContentResult File(ExportTable table, string format)
    {
        using var stream = new MemoryStream();
        var xlsx = format == Xlsx;
        if (xlsx) WriteXlsx(stream, table); else WriteCsv(stream, table);
        return new FileContentResult(stream.ToArray(), xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
        {
            FileDownloadName = $"{table.Name}.{(xlsx ? Xlsx : Csv)}",
        };
    }

    public static void WriteCsv(Stream stream, ExportTable table)
    {
        stream.Write(Encoding.UTF8.Preamble);
        using var writer = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
        writer.WriteRecord(table.Headers.Select(Shared.SpreadsheetText.Cell).ToArray());
        foreach (var row in table.Rows) writer.WriteRecord(row.Select(CsvText).ToArray());
    }

    public static void WriteXlsx(Stream stream, ExportTable table)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(Row(1, table.Headers.Cast<object?>()));
        for (var i = 0; i < table.Rows.Count; i++) data.Append(Row((uint)i + 2, table.Rows[i]));
        sheet.Worksheet = new Worksheet(data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "data" }));
        workbook.Workbook.Save();
    }

    private static Row Row(uint index, IEnumerable<object?> cells)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in cells) row.Append(Cell(value));
        return row;
    }

    private static Cell Cell(object? value) => Number(value) is { } n
        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(n) }
        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Shared.SpreadsheetText.Cell(TextOf(value))) { Space = SpaceProcessingModeValues.Preserve }) };

    private static string CsvText(object? value) => Number(value) ?? Shared.SpreadsheetText.Cell(TextOf(value));

    private static string? Number(object? value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string TextOf(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
