using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Evaluation.Web.Features.Shared;
using Scenario = Evaluation.Web.Tests.Infrastructure.Scenario;

namespace Evaluation.Web.Tests.Hostile;

/// <summary>
/// Formulas that arrive as text (the corpus's <c>=HYPERLINK(...)</c>, <c>+cmd</c>, <c>@SUM</c>) are stored as
/// text and never go back out as formulas: every spreadsheet the app writes has no formula cell, and text that
/// a spreadsheet would run is written through <see cref="SpreadsheetText"/>, which makes it plain text.
/// </summary>
public sealed class FormulaExportTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/\",\"click\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void FormulaLikeText_IsWrittenAsText(string text)
    {
        var cell = SpreadsheetText.Cell(text);

        cell.ShouldBe("'" + text);
        SpreadsheetText.IsFormulaLike(cell).ShouldBeFalse();
    }

    [Theory]
    [InlineData("宁波甲纺织有限公司")]
    [InlineData("-3")]
    [InlineData("1.5e3")]
    [InlineData("")]
    [InlineData("a=b")]
    public void OrdinaryTextAndNumbers_AreWrittenUnchanged(string text) => SpreadsheetText.Cell(text).ShouldBe(text);

    [Fact]
    public async Task XlsxTemplate_HasNoFormulaCells()
    {
        var safety = await App.AsDepartment("safety");

        var bytes = await safety.GetByteArrayAsync("/department/data/upload?handler=Template&format=xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var cells = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).ToList();
        cells.ShouldNotBeEmpty();
        cells.ShouldAllBe(c => c.CellFormula == null && c.DataType != null && c.DataType.Value == CellValues.InlineString);
    }

    [Fact]
    public async Task FormulaInAnUploadedNote_IsStoredAsTheTextSent()
    {
        var safety = await App.AsDepartment("safety");
        const string formula = "=HYPERLINK(\"http://evil.example/\",\"click\")";
        var csv = $"统一社会信用代码 credit_code,工伤事故 injury_accidents,备注 note\n{Scenario.CreditCodeB},31,\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n";

        var (_, preview) = await DepartmentData.Uploads.PreviewAsync(safety, csv);
        (await DepartmentData.Uploads.CommitAsync(safety, preview)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        await using var scope = App.Db();
        (await scope.Context.AuditEntries.CountAsync(a => a.Reason == formula)).ShouldBe(1);
        SpreadsheetText.Cell(formula).ShouldStartWith("'");
    }
}
