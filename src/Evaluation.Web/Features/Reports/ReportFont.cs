using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// The one font of the report and of the server-drawn charts: a Chinese TrueType font from Debian, embedded (subset)
/// in every PDF. PDFsharp embeds TrueType outlines only, so Noto Sans CJK (CFF outlines in an OpenType collection)
/// cannot be used: it comes out as a font program that does not match its declared type. WenQuanYi Zen Hei has
/// TrueType outlines, Latin and CJK glyphs in one face (docs/decisions/0026).
/// </summary>
internal static class ReportFont
{
    /// <summary>The family name the report asks for; the resolver answers every family with the one face.</summary>
    public const string Family = "WenQuanYi Zen Hei";

    /// <summary>The family written into SVG charts: the browser picks the first it has.</summary>
    public const string SvgFamily = "'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

    /// <summary>Where Debian installs the font (scripts/prereqs.sh installs fonts-wqy-zenhei), then look-alikes.</summary>
    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process (PDFsharp's resolver is global and cannot change after use).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            var path = Candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
                "报告字体缺失 / no CJK TrueType font for the report: install fonts-wqy-zenhei (scripts/prereqs.sh); looked for "
                + string.Join(", ", Candidates));
            GlobalFontSettings.FontResolver = new Resolver(FirstFace(File.ReadAllBytes(path)));
            _installed = true;
        }
    }

    private sealed class Resolver(byte[] face) : IFontResolver
    {
        // Bold is simulated: the Debian font has one weight.
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Family, isBold, isItalic);

        public byte[] GetFont(string faceName) => face;
    }

    /// <summary>
    /// The first face of a TrueType collection (.ttc) as a standalone font file (PDFsharp reads single fonts only):
    /// the face's table directory with its tables copied after it, offsets rewritten. A single font is returned as it is.
    /// </summary>
    internal static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366) return file; // 'ttcf'
        var at = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12)));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 4));
        var header = 12 + 16 * tables;
        var records = new (int Offset, int Length)[tables];
        var size = header;
        for (var i = 0; i < tables; i++)
        {
            var record = file.AsSpan(at + 12 + 16 * i);
            records[i] = (checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])), checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
            size += (records[i].Length + 3) & ~3;
        }
        var face = new byte[size];
        file.AsSpan(at, header).CopyTo(face);
        var next = header;
        for (var i = 0; i < tables; i++)
        {
            file.AsSpan(records[i].Offset, records[i].Length).CopyTo(face.AsSpan(next));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + 16 * i + 8), (uint)next);
            next += (records[i].Length + 3) & ~3;
        }
        return face;
    }
}
