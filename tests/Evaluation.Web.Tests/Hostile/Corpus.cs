using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scenario = Evaluation.Web.Tests.Infrastructure.Scenario;

namespace Evaluation.Web.Tests.Hostile;

/// <summary>
/// One line of <c>corpus/cases.json</c>: what is sent on which channel, and what must come back. A case is
/// refused unless <see cref="Stores"/> says it is accepted (stored verbatim and harmless, e.g. a script or
/// SQL fragment as text); <see cref="Known"/> marks a known failure asserted as its current behaviour.
/// </summary>
public sealed record HostileCase
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    /// <summary>A file under corpus/, sent as it is.</summary>
    public string? File { get; init; }
    /// <summary>A file made at test time (too big, or a binary easier to build than to keep): see <see cref="Corpus.Generate"/>.</summary>
    public string? Generate { get; init; }
    /// <summary>The file name the upload claims (defaults to the file's own name).</summary>
    public string? Name { get; init; }
    /// <summary>Raw JSON text (API) or form fields (pages); tokens like {A} and {X100K} are expanded by <see cref="Corpus.Expand"/>.</summary>
    public JsonElement? Payload { get; init; }
    public int Status { get; init; }
    /// <summary>Fragments the response must contain (the message that names the field, row or column).</summary>
    public string[] Contains { get; init; } = [];
    /// <summary>Fragments the response, and the page that shows a stored value, must not contain.</summary>
    public string[] Absent { get; init; } = [];
    public bool Stores { get; init; }
    /// <summary>For an accepted case: the page that shows what was stored, checked for <see cref="Absent"/> and <see cref="Shows"/>.</summary>
    public string? Page { get; init; }
    public string[] Shows { get; init; } = [];
    /// <summary>For an accepted case: a value that must be stored exactly as sent.</summary>
    public string? Verbatim { get; init; }
    public string? Known { get; init; }
    /// <summary>Also run on PostgreSQL (representative cases: oversize strings, NUL, the big files).</summary>
    public bool Postgres { get; init; }
    /// <summary>A catalogue case run through the CLI in a child process (deep nesting: a crash must not take the test run with it).</summary>
    public bool Process { get; init; }

    public override string ToString() => Id;
}

internal static class Corpus
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Hostile", "corpus");

    private static readonly Lazy<IReadOnlyList<HostileCase>> All = new(() =>
        JsonSerializer.Deserialize<List<HostileCase>>(System.IO.File.ReadAllText(Path.Combine(Folder, "cases.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })!);

    public static IReadOnlyList<HostileCase> Cases => All.Value;

    public static TheoryData<HostileCase> Of(string channel)
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in Cases.Where(c => c.Channel == channel)) data.Add(c);
        return data;
    }

    public static TheoryData<HostileCase> OnPostgres()
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in Cases.Where(c => c.Postgres)) data.Add(c);
        return data;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Generated = new();

    public static string FileName(HostileCase c) => c.Name ?? Path.GetFileName(c.File ?? c.Generate ?? "data.csv");

    public static byte[] Bytes(HostileCase c) =>
        c.File is not null ? System.IO.File.ReadAllBytes(Path.Combine(Folder, c.File))
        : c.Generate is not null ? Generated.GetOrAdd(c.Generate, Generate)
        : throw new InvalidOperationException($"{c.Id}: no file and nothing to generate");

    /// <summary>Expands the tokens of the manifest: credit codes of the scenario, oversize strings, deep nesting.</summary>
    public static string Expand(string text)
    {
        var n = Interlocked.Increment(ref _sequence);
        return text
            .Replace("{A}", Scenario.CreditCodeA, StringComparison.Ordinal)
            .Replace("{B}", Scenario.CreditCodeB, StringComparison.Ordinal)
            .Replace("{NEWCODE}", NewCreditCode(n), StringComparison.Ordinal)
            .Replace("{NEWUSER}", $"hostile-{n}-{Guid.NewGuid():N}"[..24], StringComparison.Ordinal)
            .Replace("{X100K}", new string('名', 100_000), StringComparison.Ordinal)
            .Replace("{X5K}", new string('x', 5_000), StringComparison.Ordinal)
            .Replace("{X300}", new string('x', 300), StringComparison.Ordinal)
            .Replace("{X1500}", new string('理', 1_500), StringComparison.Ordinal)
            // 999 characters and an emoji: a cut at 1,000 UTF-16 units would split the surrogate pair.
            .Replace("{EMOJI1000}", new string('x', 998) + "\U0001F600", StringComparison.Ordinal)
            .Replace("{PAIR999}", new string('x', 999) + "\U0001F600", StringComparison.Ordinal)
            .Replace("{DEEP10000}", new string('[', 10_000) + new string(']', 10_000), StringComparison.Ordinal)
            .Replace("{ARRAY50K}", string.Join(',', Enumerable.Repeat("{}", 50_000)), StringComparison.Ordinal);
    }

    private static int _sequence;

    /// <summary>A valid credit code not used before in this test run.</summary>
    public static string NewCode() => NewCreditCode(Interlocked.Increment(ref _sequence));

    private static string NewCreditCode(int n)
    {
        var first17 = $"91330203MA3{n % 1_000_000:D6}";
        return first17 + Features.Enterprises.CreditCode.CheckCharacter(first17);
    }

    public static Dictionary<string, string> Fields(HostileCase c) =>
        c.Payload is { ValueKind: JsonValueKind.Object } p
            ? p.EnumerateObject().ToDictionary(f => f.Name, f => Expand(f.Value.GetString() ?? ""))
            : [];

    public static string Json(HostileCase c) =>
        c.Payload is { ValueKind: JsonValueKind.String } p ? Expand(p.GetString()!) : throw new InvalidOperationException($"{c.Id}: payload must be JSON text");

    public const int FiftyMegabytes = 50 * 1024 * 1024;

    /// <summary>Files too big to check in, or binaries built here so that what they are is readable in code.</summary>
    public static byte[] Generate(string name) => name switch
    {
        "csv-50mb.csv" => FiftyMegabyteCsv(),
        "zip-bomb.xlsx" => ZipBomb(),
        "formula-cells.xlsx" => Workbooks.OneSheet(
            ["统一社会信用代码 credit_code", "工伤事故 injury_accidents", "备注 note"],
            [Scenario.CreditCodeB, "=HYPERLINK(\"http://evil.example/\",\"click\")", "note"]),
        "formula-note.xlsx" => Workbooks.OneSheet(
            ["统一社会信用代码 credit_code", "工伤事故 injury_accidents", "备注 note"],
            [Scenario.CreditCodeB, 7d, "=HYPERLINK(\"http://evil.example/\",\"click\")"]),
        "truncated.xlsx" => Workbooks.OneSheet(["统一社会信用代码 credit_code"], [Scenario.CreditCodeB])[..200],
        "no-sheet.xlsx" => Zip(("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
        "empty.xlsx" => [],
        _ => throw new ArgumentException($"no generator for {name}"),
    };

    /// <summary>A CSV just over 50 MB, written to a temp file and read back (the app must refuse it by its size).</summary>
    private static byte[] FiftyMegabyteCsv()
    {
        var bytes = new byte[FiftyMegabytes + 1024];
        var header = Encoding.UTF8.GetBytes("统一社会信用代码 credit_code,工伤事故 injury_accidents\n");
        header.CopyTo(bytes, 0);
        var row = Encoding.ASCII.GetBytes($"{Scenario.CreditCodeB},1\n");
        for (var at = header.Length; at + row.Length <= bytes.Length; at += row.Length) row.CopyTo(bytes, at);
        return bytes;
    }

    /// <summary>
    /// A well-formed XLSX whose one sheet inflates to 512 MB (a repeated row in a 1 MB compressed entry): an
    /// XML reader that follows it would spend its time and memory on it.
    /// </summary>
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using var s = sheet.Open();
            s.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""u8);
            var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>", 20_000)));
            for (long written = 0; written < 512L << 20; written += block.Length) s.Write(block);
            s.Write("</sheetData></worksheet>"u8);
        }
        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (n, t) in entries) Entry(zip, n, t);
        return buffer.ToArray();
    }

}
