using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scenario = Evaluation.Web.Tests.Infrastructure.Scenario;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>The same department sheet as XLSX, and as a CSV saved by Chinese Excel (GB18030).</summary>
public abstract class SheetFormatTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task XlsxTemplate_HasTheCreditCodeAndTheDepartmentsInputs()
    {
        var safety = await App.AsDepartment("safety");

        var bytes = await safety.GetByteArrayAsync("/department/data/upload?handler=Template&format=xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var headers = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().First()
            .Elements<Cell>().Select(c => c.InlineString!.InnerText).ToList();
        headers[0].ShouldBe("统一社会信用代码 credit_code");
        headers.ShouldContain(h => h.Contains("fatal_or_general_accidents", StringComparison.Ordinal));
        headers.ShouldNotContain(h => h.Contains("wage_arrears_cases", StringComparison.Ordinal));
    }

    [Fact]
    public async Task XlsxUpload_WithNumericCells_Commits()
    {
        var safety = await App.AsDepartment("safety");
        var xlsx = Workbooks.OneSheet(["统一社会信用代码 credit_code", "工伤事故 injury_accidents"], [Scenario.CreditCodeB, 2d]);

        var (_, preview) = await safety.PreviewAsync(xlsx, "data.xlsx");
        var commit = await safety.CommitAsync(preview);

        commit.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        await using var scope = App.Db();
        (await scope.Context.Facts.Where(f => f.EnterpriseId == S.EnterpriseBId && f.InputId == "injury_accidents" && f.SupersededById == null)
            .Select(f => f.ValueText).ToListAsync()).ShouldBe(["2"]);
    }

    [Fact]
    public async Task CsvSavedAsGb18030_IsReadWithItsChineseHeaders()
    {
        var safety = await App.AsDepartment("safety");
        var csv = $"统一社会信用代码 credit_code,工伤事故 injury_accidents,备注 note\n{Scenario.CreditCodeA},1,无变化\n";

        var (_, html) = await safety.PreviewAsync(Encoding.GetEncoding("GB18030").GetBytes(csv), "data.csv");

        html.ShouldNotContain("unknown column");
        html.ShouldContain("0 errors");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SheetFormatTestsOnPostgres(PostgresServer server, AppHolder holder)
    : SheetFormatTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class SheetFormatTestsOnSqlite(AppHolder holder) : SheetFormatTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
