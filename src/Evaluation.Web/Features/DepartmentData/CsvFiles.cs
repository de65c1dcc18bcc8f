using System.Text;
using CsvHelper;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>The department sheet as CSV (CsvHelper 34), read row by row.</summary>
internal static class CsvFiles
{
    /// <summary>The template: UTF-8 with a byte-order mark so that Excel opens the Chinese headers correctly.</summary>
    public static void WriteTemplate(Stream stream, IEnumerable<InputDefinition> inputs)
    {
        stream.Write(Encoding.UTF8.Preamble);
        using var writer = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
        writer.WriteRecord(SheetValidation.Headers(inputs).Select(Shared.SpreadsheetText.Cell).ToArray());
    }

    public static IEnumerable<SheetRow> Rows(Stream stream)
    {
        using var reader = CsvReader.Create(new StreamReader(stream, EncodingOf(stream), detectEncodingFromByteOrderMarks: true, leaveOpen: true),
            new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true }, leaveOpen: false);
        reader.ReadHeader();
        yield return new SheetRow(1, reader.Headers.ToArray());
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
            yield return new SheetRow((int)reader.LineNumber, cells);
        }
    }

    /// <summary>
    /// UTF-8 unless the file's head is not valid UTF-8: a CSV saved by Chinese Excel ("CSV (逗号分隔)") is
    /// GB18030, and reading it as UTF-8 would turn every header into replacement characters.
    /// </summary>
    private static Encoding EncodingOf(Stream stream)
    {
        if (!stream.CanSeek) return Encoding.UTF8;
        var head = new byte[64 * 1024];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        // A byte-order mark says it all (Excel's "Unicode text" is UTF-16 with one); UTF-16 is never valid UTF-8.
        if (read >= 2 && head[0] == 0xFF && head[1] == 0xFE) return Encoding.Unicode;
        if (read >= 2 && head[0] == 0xFE && head[1] == 0xFF) return Encoding.BigEndianUnicode;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        // Cut at the last complete character: a multi-byte character may straddle the 64 KiB boundary.
        var end = read;
        while (end > 0 && read == head.Length && (head[end - 1] & 0xC0) == 0x80) end--;
        if (read == head.Length && end > 0 && head[end - 1] >= 0xC0) end--;
        try { strict.GetCharCount(head, 0, end); return Encoding.UTF8; }
        catch (DecoderFallbackException) { return Encoding.GetEncoding("GB18030"); }
    }
}
