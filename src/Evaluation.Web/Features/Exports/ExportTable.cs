using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Net.Http.Headers;

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
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool IsFormat(string? format) => format is Csv or Xlsx;

    /// <summary>The table as a download: <c>csv</c> (UTF-8 with BOM, for Excel) or <c>xlsx</c>.</summary>
    public static IActionResult File(ExportTable table, string format) =>
        File(table.Name, table.Headers, table.Rows.ToAsyncEnumerable(), format);

    /// <summary>
    /// Rows read as they are written (a query's <c>AsAsyncEnumerable</c>), streamed to the response: memory does
    /// not grow with the number of rows (docs/decisions/0020-one-xlsx-library.md).
    /// </summary>
    public static IActionResult File(string name, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, string format) =>
        new StreamedExport($"{name}.{(format == Xlsx ? Xlsx : Csv)}", headers, rows, format == Xlsx);

    public static void WriteCsv(Stream stream, ExportTable table)
    {
        using var sheet = new CsvSheet(stream, table.Headers);
        foreach (var row in table.Rows) sheet.Row(row);
    }

    public static void WriteXlsx(Stream stream, ExportTable table)
    {
        using var sheet = new XlsxSheet(stream, table.Headers);
        foreach (var row in table.Rows) sheet.Row(row);
    }

    internal static string CsvText(object? value) => Number(value) ?? Shared.SpreadsheetText.Cell(TextOf(value));

    internal static string? Number(object? value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    internal static string TextOf(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => Shared.NingboTime.Invariant(t),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A sheet written row by row: the header first, then each row as it comes; disposing finishes the file.</summary>
internal interface ISheetWriter : IDisposable
{
    void Row(IEnumerable<object?> cells);
}

/// <summary>CSV, UTF-8 with BOM (Excel reads the Chinese headers as UTF-8); text cells neutralised.</summary>
internal sealed class CsvSheet : ISheetWriter
{
    private readonly CsvWriter _writer;

    public CsvSheet(Stream stream, IEnumerable<string> headers)
    {
        stream.Write(Encoding.UTF8.Preamble);
        _writer = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
        _writer.WriteRecord(headers.Select(Shared.SpreadsheetText.Cell).ToArray());
    }

    public void Row(IEnumerable<object?> cells) => _writer.WriteRecord(cells.Select(Exports.CsvText).ToArray());

    public void Dispose() => _writer.Dispose();
}

/// <summary>
/// A one-sheet XLSX written forwards only: the package's four fixed parts, then the sheet through the Open XML
/// SDK's SAX writer (<see cref="OpenXmlWriter"/>) straight into a zip entry. The SDK's package API cannot do this:
/// it reads relationships back, which a write-only (streamed) package refuses, and a read-write package keeps
/// every part in memory until it is closed. Numbers are number cells; text is an inline string, neutralised
/// (<see cref="Shared.SpreadsheetText"/>); no cell is ever a formula.
/// </summary>
internal sealed class XlsxSheet : ISheetWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Document = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly (string Name, string Xml)[] FixedParts =
    [
        ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""),
        ("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{Document}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
        ("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Document}"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{Document}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""),
    ];

    private readonly ZipArchive _zip;
    private readonly Stream _entry;
    private readonly OpenXmlWriter _writer;
    private uint _row;

    public XlsxSheet(Stream stream, IEnumerable<string> headers)
    {
        _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, xml) in FixedParts)
        {
            using var part = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            part.Write(Encoding.UTF8.GetBytes(xml));
        }
        _entry = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _writer = OpenXmlWriter.Create(_entry, Encoding.UTF8);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        Row(headers);
    }

    // One instance of each element, written again and again with its attributes: the SDK builds an element
    // object per WriteStartElement call otherwise (most of an export's allocations).
    private readonly Row _rowElement = new();
    private readonly Cell _cell = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly CellValue _value = new();
    private static readonly OpenXmlAttribute[] NumberCell = [new("t", "", "n")];
    private static readonly OpenXmlAttribute[] TextCell = [new("t", "", "inlineStr")];
    private static readonly OpenXmlAttribute[] Preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    public void Row(IEnumerable<object?> cells)
    {
        _row++;
        _writer.WriteStartElement(_rowElement, [new OpenXmlAttribute("r", "", _row.ToString(CultureInfo.InvariantCulture))]);
        foreach (var value in cells)
        {
            if (Exports.Number(value) is { } number)
            {
                _writer.WriteStartElement(_cell, NumberCell);
                _writer.WriteStartElement(_value);
                _writer.WriteString(number);
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                continue;
            }
            _writer.WriteStartElement(_cell, TextCell);
            _writer.WriteStartElement(_inline);
            _writer.WriteStartElement(_text, Preserve);
            _writer.WriteString(Shared.SpreadsheetText.Cell(Exports.TextOf(value)));
            _writer.WriteEndElement();
            _writer.WriteEndElement();
            _writer.WriteEndElement();
        }
        _writer.WriteEndElement();
    }

    public void Dispose()
    {
        _writer.WriteEndElement(); // sheetData
        _writer.WriteEndElement(); // worksheet
        _writer.Dispose();
        _entry.Dispose();
        _zip.Dispose();
    }
}

/// <summary>
/// Writes an export to the response as its rows arrive. The writers are synchronous (zip, XML); they write into
/// a small buffer that is sent asynchronously whenever it passes 64 KiB, so no request thread blocks on the
/// network and the buffer, not the file, bounds the memory.
/// </summary>
internal sealed class StreamedExport(string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, bool xlsx)
    : IActionResult
{
    private const int ChunkBytes = 64 * 1024;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        await AuditAsync(context.HttpContext, cancellationToken);
        // No shared or proxy cache keeps a copy of data behind a sign-in.
        response.Headers.CacheControl = "no-store";
        response.ContentType = xlsx ? Exports.XlsxContentType : "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();

        var buffer = new OutputBuffer();
        using (var sheet = xlsx ? (ISheetWriter)new XlsxSheet(buffer, headers) : new CsvSheet(buffer, headers))
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                sheet.Row(row);
                if (buffer.Pending >= ChunkBytes) await buffer.SendAsync(response.Body, cancellationToken);
            }
        await buffer.SendAsync(response.Body, cancellationToken);
    }

    /// <summary>Who took which list, written to the audit log before the first byte leaves.</summary>
    private async Task AuditAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<Persistence.EvaluationDbContext>();
        var actor = services.GetRequiredService<Audit.AuditActor>();
        db.AuditEntries.Add(Audit.AuditTrail.Event("Export", fileName, "Exported", actor.Name, actor.UserId,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            new Dictionary<string, string?> { ["Path"] = http.Request.Path, ["Query"] = http.Request.QueryString.Value }, "导出 / export"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A write-only, forward-only stream that keeps what was written until it is sent.</summary>
    private sealed class OutputBuffer : Stream
    {
        private readonly MemoryStream _pending = new();

        public int Pending => (int)_pending.Length;

        public async Task SendAsync(Stream target, CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            await target.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false; // the zip writer then writes data descriptors instead of seeking back
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);
    }
}
