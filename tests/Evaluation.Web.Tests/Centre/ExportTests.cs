using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Evaluation.Web.Features.Exports;

namespace Evaluation.Web.Tests.Centre;

/// <summary>The one export writer: CSV and XLSX, and nothing a spreadsheet would run as a formula.</summary>
public sealed class ExportWriterTests
{
    private static readonly string[] Dangerous = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"];

    private static ExportTable Table() => new("t", ["名称 / name", "=header", "分 / points"],
        [.. Dangerous.Select((text, i) => (IReadOnlyList<object?>)[text, "plain 文本", -1.5m * i]),
         ["a-b", "1-2", null]]);

    [Theory]
    [InlineData("=1", "'=1")]
    [InlineData("+1", "+1")]      // a number, read as one
    [InlineData("-1", "-1")]
    [InlineData("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("宁波=甲", "宁波=甲")]
    [InlineData("a-b", "a-b")]
    [InlineData("", "")]
    public void Neutralise_PrefixesOnlyWhatStartsLikeAFormula(string text, string expected) =>
        Evaluation.Web.Features.Shared.SpreadsheetText.Cell(text).ShouldBe(expected);

    [Fact]
    public void Csv_NeutralisesTextCells_KeepsNumbersAsNumbers()
    {
        using var stream = new MemoryStream();
        Exports.WriteCsv(stream, Table());

        var bytes = stream.ToArray();
        bytes.Take(3).ShouldBe(Encoding.UTF8.Preamble.ToArray()); // Excel reads the Chinese headers as UTF-8
        var cells = ReadCsvCells(Encoding.UTF8.GetString(bytes[3..]));
        cells.ShouldNotContain(c => c.Length > 0 && "=+-@\t\r".Contains(c[0]) && !IsNumber(c));
        foreach (var text in Dangerous) cells.ShouldContain("'" + text);
        cells.ShouldContain("'=header");
        cells.ShouldContain("-3.0"); // -1.5 × 2, a number: no apostrophe
        cells.ShouldContain("a-b");
    }

    [Fact]
    public void Xlsx_NeutralisesTextCells_AndWritesNumbersAsNumberCells()
    {
        using var stream = new MemoryStream();
        Exports.WriteXlsx(stream, Table());
        stream.Position = 0;

        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        cells.ShouldNotContain(c => c.CellFormula != null);
        var texts = cells.Where(c => c.InlineString is not null).Select(c => c.InlineString!.InnerText).ToList();
        texts.ShouldNotContain(t => t.Length > 0 && "=+-@\t\r".Contains(t[0]));
        // XML reads a carriage return in text back as a line feed; the apostrophe in front is what matters.
        foreach (var text in Dangerous) texts.ShouldContain("'" + text.Replace('\r', '\n'));
        cells.Where(c => c.DataType is not null && c.DataType.Value == CellValues.Number).Select(c => c.CellValue!.Text).ShouldContain("-7.5");
    }

    private static bool IsNumber(string text) => decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _);

    // A small RFC 4180 reader: quoted cells may hold commas, quotes, CR and LF.
    private static List<string> ReadCsvCells(string csv)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or '\n') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { }
            else cell.Append(c);
        }
        if (cell.Length > 0) cells.Add(cell.ToString());
        return cells;
    }
}

/// <summary>Through the pages: a list exported as CSV and XLSX carries an enterprise's formula-like name inert.</summary>
public abstract class ExportPageTests(AppHolder holder) : AppTests(holder)
{
    private const string Evil = "=HYPERLINK(\"http://evil.example\",\"点我\")";

    private async Task<string> UrlAsync()
    {
        await using var db = App.Db();
        if (!db.Context.Enterprises.Any(e => e.Name == Evil))
        {
            var now = TestClock.Start.UtcDateTime;
            var enterprise = new Enterprise(Guid.NewGuid(), new Features.Demo.SyntheticEnterprises(4242).NewCreditCode(District.Jiangbei),
                Evil, District.Jiangbei, "C3525", SizeClass.Small, null, now);
            db.Context.Enterprises.Add(enterprise);
            db.Context.Applications.Add(new Application(Guid.NewGuid(), S.CampaignId, enterprise.Id, Track.Full, now));
            await db.Context.Because("test: formula-like name").SaveChangesAsync();
        }
        return $"/centre/campaigns/{S.CampaignId}?handler=Export&list=applications&format=";
    }

    [Fact]
    public async Task ApplicationsCsv_CarriesTheNameWithAnApostrophe()
    {
        var url = await UrlAsync();

        var response = await (await App.AsReviewer()).GetAsync(url + "csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        csv.ShouldContain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"");
        csv.ShouldContain(Infrastructure.Scenario.CreditCodeA); // the other applications are there too
    }

    [Fact]
    public async Task ApplicationsXlsx_CarriesTheNameWithAnApostrophe()
    {
        var url = await UrlAsync();

        var response = await (await App.AsReviewer()).GetAsync(url + "xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var texts = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>()
            .Where(c => c.InlineString is not null).Select(c => c.InlineString!.InnerText).ToList();
        texts.ShouldContain("'" + Evil);
        texts.ShouldNotContain(Evil);
    }

    [Fact]
    public async Task Export_InAnUnknownFormat_IsRefused() =>
        (await (await App.AsReviewer()).GetAsync(await UrlAsync() + "pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
}

[Collection(PostgresCollection.Name)]
public sealed class ExportPageTestsOnPostgres(PostgresServer server, AppHolder holder) : ExportPageTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class ExportPageTestsOnSqlite(AppHolder holder) : ExportPageTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
