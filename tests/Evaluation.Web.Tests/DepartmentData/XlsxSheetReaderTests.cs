using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Evaluation.Web.Features.DepartmentData;
using Evaluation.Web.Features.Exports;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// The XLSX reader (Open XML SDK, forwards) on what Excel and WPS actually save: shared strings (with rich text
/// and a phonetic guide), cells placed by reference with gaps, skipped rows, date styles (built-in, Chinese
/// built-in and custom), booleans, errors and cached formula results. Written with the SDK's DOM, not with the
/// writer under test.
/// </summary>
public sealed class XlsxSheetReaderTests
{
    [Fact]
    public void Rows_ReadCellsTheWayTheCsvWouldHaveThem()
    {
        var rows = XlsxFiles.Rows(new MemoryStream(ExcelLikeWorkbook())).ToList();

        rows.Select(r => r.Line).ShouldBe([1, 2, 4]);
        rows[0].Cells.ShouldBe(["统一社会信用代码 credit_code", "工伤事故 injury_accidents", "备注 note", "日期 date"]);
        rows[1].Cells.ShouldBe(["913302018G2KKMLH5K", "0.1", "宁波甲", "2026-03-31"]);
        // C4 empty (a gap, not a shift), D4 a Chinese built-in date style, E4 a custom date format; F4..I4 bool, error, formula, number.
        rows[2].Cells.ShouldBe(["2", "1000000", "", "2026-01-02", "2025-12-31", "true", "", "click", "12.5"]);
    }

    [Fact]
    public void Rows_OfTheStreamedWriter_ComeBackAsWritten()
    {
        using var stream = new MemoryStream();
        Exports.WriteXlsx(stream, new ExportTable("t", ["名称 / name", "分 / points"],
            [["宁波=甲", 1.5m], ["=cmd", -2], [null, 0.1d]]));
        stream.Position = 0;

        var rows = XlsxFiles.Rows(stream).ToList();

        rows.Select(r => r.Cells).ShouldBe([["名称 / name", "分 / points"], ["宁波=甲", "1.5"], ["'=cmd", "-2"], ["", "0.1"]]);
    }

    [Fact]
    public void Rows_OfAWorkbookWithoutASheet_SayWhat()
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            document.AddWorkbookPart().Workbook = new Workbook(new Sheets());

        Should.Throw<InvalidDataException>(() => XlsxFiles.Rows(new MemoryStream(stream.ToArray())).ToList()).Message.ShouldContain("no sheet");
    }

    private static byte[] ExcelLikeWorkbook()
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("统一社会信用代码 credit_code")),
                new SharedStringItem(new Run(new Text("工伤事故 ")), new Run(new RunProperties(new Bold()), new Text("injury_accidents"))),
                new SharedStringItem(new Text("备注 note")),
                new SharedStringItem(new Text("日期 date")),
                new SharedStringItem(new Text("913302018G2KKMLH5K")),
                new SharedStringItem(new Text("宁波甲"), new PhoneticRun(new Text("ニンポー")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 }));
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 180, FormatCode = "[$-804]yyyy\"年\"m\"月\"d\"日\"" }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 31, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 180, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(Shared("A1", 0), Shared("B1", 1), Shared("C1", 2), Shared("D1", 3)) { RowIndex = 1 },
                new Row(Shared("A2", 4), Number("B2", "0.1"), Shared("C2", 5), Number("D2", "46112", style: 1)) { RowIndex = 2 },
                new Row(Number("A4", "2"), Number("B4", "1E6", style: 4), Number("D4", "46024", style: 2), Number("E4", "46022", style: 3),
                    new Cell { CellReference = "F4", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                    new Cell { CellReference = "G4", DataType = CellValues.Error, CellValue = new CellValue("#DIV/0!") },
                    new Cell { CellReference = "H4", DataType = CellValues.String, CellFormula = new CellFormula("HYPERLINK(\"x\",\"click\")"), CellValue = new CellValue("click") },
                    new Cell { CellReference = "I4", CellValue = new CellValue("12.5") }) { RowIndex = 4 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "数据" }));
        }
        return stream.ToArray();
    }

    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    private static Cell Number(string reference, string value, uint style = 0) =>
        new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style == 0 ? null : style };
}
