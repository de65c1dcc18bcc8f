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
    /// UTF-8 unless the file's head reads better as something else: a CSV saved by Chinese Excel ("CSV (逗号分隔)")
    /// is GB18030, and reading it as UTF-8 would turn every header into replacement characters. A UTF-8 file with a
    /// stray bad sequence (one corrupted note) stays UTF-8, so its headers are read right and the bad cell is
    /// reported by row and column (U+FFFD, see <see cref="Shared.FreeText"/>) instead of every header as mojibake.
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
        var (valid, invalid) = Utf8Sequences(head.AsSpan(0, read), truncated: read == head.Length);
        // GB18030 text is almost never valid UTF-8: Chinese in it makes invalid sequences throughout.
        return invalid == 0 || valid >= 4 * invalid ? Encoding.UTF8 : Encoding.GetEncoding("GB18030");
    }

    /// <summary>Counts well-formed multi-byte UTF-8 sequences and stretches of bytes that form none (RFC 3629: no overlongs, no surrogates).</summary>
    private static (int Valid, int Invalid) Utf8Sequences(ReadOnlySpan<byte> bytes, bool truncated)
    {
        int valid = 0, invalid = 0, i = 0;
        var inBadRun = false; // one bad stretch counts once, however many bytes it has
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80) { i++; inBadRun = false; continue; }
            var (length, low, high) = b switch
            {
                >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
                0xE0 => (3, 0xA0, 0xBF),
                0xED => (3, 0x80, 0x9F),
                >= 0xE1 and <= 0xEF => (3, 0x80, 0xBF),
                0xF0 => (4, 0x90, 0xBF),
                >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
                0xF4 => (4, 0x80, 0x8F),
                _ => (0, 0, 0),
            };
            if (length > 0 && i + length > bytes.Length && truncated) break; // a character cut by the 64 KiB head
            var ok = length > 0 && i + length <= bytes.Length && bytes[i + 1] >= low && bytes[i + 1] <= high;
            for (var k = 2; ok && k < length; k++) ok = bytes[i + k] is >= 0x80 and <= 0xBF;
            if (ok) { valid++; i += length; inBadRun = false; }
            else { if (!inBadRun) invalid++; inBadRun = true; i++; }
        }
        return (valid, invalid);
    }
}
