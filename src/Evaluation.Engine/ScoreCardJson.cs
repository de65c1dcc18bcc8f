using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Buffers.Text;
using System.Globalization;

namespace Evaluation.Engine;

/// <summary>
/// Writes ScoreCards as JSON with a fixed key order and points as strings with two decimals
/// ("983.48"), so the same catalogue and facts give byte-identical output; and reads that JSON back
/// (<see cref="Read(string)"/>), so no caller parses it by hand.
/// </summary>
/// <remarks>
/// A population is written card by card with the writer flushed to the stream every 64 KB (a 10,000-card file
/// is 44 MB; buffered whole it grew and copied a 64 MB array), property names encoded once per plan, and points
/// formatted straight into UTF-8 (<see cref="FormatPoints(decimal, Span{byte})"/>) without a string each.
/// </remarks>
public static class ScoreCardJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reused: a scoring run serialises a card per enterprise, and a fresh
    // MemoryStream growing to 4 KB and copied out was most of what a card's JSON allocated.
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    /// <summary>One ScoreCard as a JSON document.</summary>
    public static string Serialize(ScoreCard card)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        WriteCard(writer, card);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An array of ScoreCards as a JSON document.</summary>
    public static string Serialize(IEnumerable<ScoreCard> cards)
    {
        using var stream = new MemoryStream();
        Write(stream, cards);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes an array of ScoreCards to a stream, flushing as it goes.</summary>
    public static void Write(Stream stream, IEnumerable<ScoreCard> cards)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartArray();
        foreach (var card in cards)
        {
            WriteCard(writer, card);
            if (writer.BytesPending >= FlushAt) writer.Flush();
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// Scores and writes <paramref name="count"/> cards, <paramref name="card"/>(i) in order, as <see cref="Write"/> would
    /// write them, byte for byte, but in chunks of <paramref name="chunk"/> cards scored and written in parallel (each
    /// into its own buffer) and copied to the stream in order; no more than a few chunks are held at once.
    /// The stream is opened (<paramref name="open"/>) only once the first chunk is ready, so nothing is created when
    /// scoring throws. <paramref name="progress"/> is told how many cards are done after each chunk.
    /// </summary>
    public static void WriteParallel(Func<Stream> open, int count, Func<int, ScoreCard> card, Action<int>? progress = null, int chunk = 256)
    {
        if (count == 0)
        {
            using var empty = open();
            Write(empty, []);
            return;
        }
        var chunks = (count + chunk - 1) / chunk;
        var wave = Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new byte[wave][];
        Stream? stream = null;
        try
        {
            var newLine = Encoding.UTF8.GetBytes(Options.NewLine);
            for (var first = 0; first < chunks; first += wave)
            {
                var inWave = Math.Min(wave, chunks - first);
                Parallel.For(0, inWave, k =>
                {
                    var from = (first + k) * chunk;
                    var to = Math.Min(count, from + chunk);
                    using var memory = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(memory, Options))
                    {
                        writer.WriteStartArray();
                        for (var i = from; i < to; i++) WriteCard(writer, card(i));
                        writer.WriteEndArray();
                    }
                    buffers[k] = memory.ToArray();
                });
                stream ??= open();
                for (var k = 0; k < inWave; k++)
                {
                    // Each chunk is "[" + cards + newline + "]"; joined with "," they are the one array Write writes.
                    var bytes = buffers[k];
                    var body = bytes.AsSpan(1, bytes.Length - 1 - newLine.Length - 1);
                    stream.Write(first + k == 0 ? "["u8 : ","u8);
                    stream.Write(body);
                    buffers[k] = null!;
                }
                progress?.Invoke(Math.Min(count, (first + inWave) * chunk));
            }
            stream!.Write(newLine);
            stream.Write("]"u8);
            stream.Flush();
        }
        finally
        {
            stream?.Dispose();
        }
    }

    private const int FlushAt = 64 * 1024;

    private static readonly JsonEncodedText IdName = Name("id"), CatalogueName = Name("catalogue"), VersionName = Name("version"),
        VariantName = Name("variant"), TotalName = Name("total"), GradeName = Name("grade"), VetoedName = Name("vetoed"),
        VetoesName = Name("vetoes"), UndecidedName = Name("vetoesUndecided"), CategoriesName = Name("categories"),
        IndicatorsName = Name("indicators"), PointsName = Name("points"), MaxName = Name("max"), StatusName_ = Name("status"),
        MissingName = Name("missingInputs");

    private static readonly JsonEncodedText Scored = Name("scored"), Missing = Name("missing"), Clamped = Name("clamped"), Conflict = Name("conflict");

    // Reads the card's record through its internal accessors (the same values its Indicators, Categories, Vetoes and
    // MissingInputs lists hold) so that writing does not build those lists for every card of a population.
    private static void WriteCard(Utf8JsonWriter w, ScoreCard card)
    {
        var names = card.Plan.JsonNames;
        Span<byte> buffer = stackalloc byte[MaxPointsBytes];
        w.WriteStartObject();
        w.WriteString(IdName, card.Id);
        w.WriteString(CatalogueName, names.Catalogue);
        w.WriteString(VersionName, names.Version);
        if (names.Variant is { } variant) w.WriteString(VariantName, variant);
        else w.WriteNull(VariantName);
        w.WriteString(TotalName, buffer[..FormatPoints(card.Total, buffer)]);
        w.WriteString(GradeName, card.Grade);
        w.WriteBoolean(VetoedName, card.Vetoed);
        w.WriteStartArray(VetoesName);
        for (var i = 0; i < names.Vetoes.Length; i++)
            if (card.VetoAt(i) == true) w.WriteStringValue(names.Vetoes[i]);
        w.WriteEndArray();
        w.WriteStartArray(UndecidedName);
        for (var i = 0; i < names.Vetoes.Length; i++)
            if (card.VetoAt(i) is null) w.WriteStringValue(names.Vetoes[i]);
        w.WriteEndArray();
        w.WriteStartObject(CategoriesName);
        for (var i = 0; i < names.Categories.Length; i++)
            w.WriteString(names.Categories[i], buffer[..FormatPoints(card.CategoryAt(i), buffer)]);
        w.WriteEndObject();
        w.WriteStartObject(IndicatorsName);
        for (var i = 0; i < names.Indicators.Length; i++)
        {
            w.WriteStartObject(names.Indicators[i]);
            w.WriteString(PointsName, buffer[..FormatPoints(card.PointsAt(i), buffer)]);
            w.WriteString(MaxName, names.Max[i]);
            w.WriteString(StatusName_, card.StatusAt(i) switch
            {
                IndicatorStatus.Scored => Scored,
                IndicatorStatus.Missing => Missing,
                IndicatorStatus.Clamped => Clamped,
                _ => Conflict,
            });
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray(MissingName);
        for (var i = 0; i < names.Inputs.Length; i++)
            if (card.Facts.IsMissing(i)) w.WriteStringValue(names.Inputs[i]);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads one ScoreCard JSON document as <see cref="Serialize(ScoreCard)"/> writes it. Properties it does not know
    /// are skipped, so a reader of this version reads cards a later writer adds to.
    /// </summary>
    /// <exception cref="FormatException">The text is not a ScoreCard document; the message says what is wrong.</exception>
    public static ScoreCardDocument Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return ReadCard(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a ScoreCard document: {e.Message}", e);
        }
    }

    private static ScoreCardDocument ReadCard(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        string? id = null, catalogue = null, version = null, variant = null, grade = null;
        decimal? total = null;
        var vetoed = false;
        List<string> vetoes = [], undecided = [], missing = [];
        var categories = new List<ScoreCardDocument.CategoryPoints>();
        var indicators = new List<ScoreCardDocument.IndicatorPoints>();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            switch (name)
            {
                case "id": id = r.TokenType == JsonTokenType.Null ? null : r.GetString(); break;
                case "catalogue": catalogue = r.GetString(); break;
                case "version": version = r.GetString(); break;
                case "variant": variant = r.TokenType == JsonTokenType.Null ? null : r.GetString(); break;
                case "total": total = Points(ref r, name); break;
                case "grade": grade = r.GetString(); break;
                case "vetoed": vetoed = r.GetBoolean(); break;
                case "vetoes": vetoes = Strings(ref r); break;
                case "vetoesUndecided": undecided = Strings(ref r); break;
                case "missingInputs": missing = Strings(ref r); break;
                case "categories":
                    if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("categories is not an object");
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var category = r.GetString()!;
                        Next(ref r);
                        categories.Add(new(category, Points(ref r, category)));
                    }
                    break;
                case "indicators":
                    if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("indicators is not an object");
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var indicator = r.GetString()!;
                        Next(ref r);
                        indicators.Add(ReadIndicator(ref r, indicator));
                    }
                    break;
                default: r.Skip(); break;
            }
        }
        if (catalogue is null || version is null || grade is null || total is null)
            throw new FormatException("a ScoreCard document names its catalogue, version, total and grade");
        return new ScoreCardDocument(id, catalogue, version, variant, total.Value, grade, vetoed, vetoes, undecided,
            categories, indicators, missing);
    }

    private static ScoreCardDocument.IndicatorPoints ReadIndicator(ref Utf8JsonReader r, string id)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new FormatException($"indicator {id} is not an object");
        decimal points = 0, max = 0;
        var status = IndicatorStatus.Scored;
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            switch (name)
            {
                case "points": points = Points(ref r, id); break;
                case "max": max = Points(ref r, id); break;
                case "status": status = StatusOf(r.GetString(), id); break;
                default: r.Skip(); break;
            }
        }
        return new(id, points, max, status);
    }

    private static IndicatorStatus StatusOf(string? name, string id) => name switch
    {
        "scored" => IndicatorStatus.Scored,
        "missing" => IndicatorStatus.Missing,
        "clamped" => IndicatorStatus.Clamped,
        "conflict" => IndicatorStatus.Conflict,
        _ => throw new FormatException($"indicator {id}: unknown status '{name}'"),
    };

    private static decimal Points(ref Utf8JsonReader r, string what) =>
        r.TokenType == JsonTokenType.String && decimal.TryParse(r.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
        : r.TokenType == JsonTokenType.Number ? r.GetDecimal()
        : throw new FormatException($"{what}: points are a decimal string");

    private static List<string> Strings(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) throw new FormatException("expected an array of strings");
        var list = new List<string>();
        while (Next(ref r) == JsonTokenType.String) list.Add(r.GetString()!);
        return list;
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new FormatException("the ScoreCard document ends early");

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (Next(ref r) != type) throw new FormatException($"expected {type}, found {r.TokenType}");
    }

    /// <summary>Points as shown everywhere: two decimals, invariant ("983.48").</summary>
    public static string FormatPoints(decimal points) => Explanation.Points(points);

    private const int MaxPointsBytes = 64;

    /// <summary>
    /// The UTF-8 of <see cref="FormatPoints(decimal)"/> written into <paramref name="into"/> (at least 64 bytes); returns
    /// its length. Points already at two decimals or fewer (almost all of them: rules round to cents) are written
    /// directly as whole cents; anything else goes through the same "0.00" format as the string.
    /// </summary>
    internal static int FormatPoints(decimal points, Span<byte> into)
    {
        if (points.Scale <= 2 && !decimal.IsNegative(points) && points < 1_000_000_000_000m)
        {
            var cents = (long)(points * 100m);
            Utf8Formatter.TryFormat(cents / 100, into, out var n);
            var fraction = (int)(cents % 100);
            into[n] = (byte)'.';
            into[n + 1] = (byte)('0' + fraction / 10);
            into[n + 2] = (byte)('0' + fraction % 10);
            return n + 3;
        }
        if (!points.TryFormat(into, out var written, "0.00", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"points {points} do not fit {MaxPointsBytes} bytes");
        return written;
    }

    /// <summary>The status as it appears in JSON and CSV.</summary>
    public static string StatusName(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Scored => "scored",
        IndicatorStatus.Missing => "missing",
        IndicatorStatus.Clamped => "clamped",
        _ => "conflict",
    };

    private static JsonEncodedText Name(string text) => JsonEncodedText.Encode(text, Options.Encoder);

    /// <summary>A plan's ids, encoded once.</summary>
    internal sealed class PlanNames(ScoringPlan plan)
    {
        public JsonEncodedText Catalogue { get; } = Name(plan.Catalogue.Id);
        public JsonEncodedText Version { get; } = Name(plan.Catalogue.Version);
        public JsonEncodedText? Variant { get; } = plan.Catalogue.Variant is { } v ? Name(v.Id) : null;
        public JsonEncodedText[] Categories { get; } = [.. plan.Catalogue.Categories.Select(c => Name(c.Id))];
        public JsonEncodedText[] Indicators { get; } = [.. plan.Metadata.Indicators.Select(m => Name(m.Indicator.Id))];
        public JsonEncodedText[] Vetoes { get; } = [.. plan.Catalogue.Vetoes.Select(v => Name(v.Id))];
        public JsonEncodedText[] Inputs { get; } = [.. plan.Layout.Inputs.Select(i => Name(i.Id))];
        public JsonEncodedText[] Max { get; } = [.. plan.Metadata.Indicators.Select(m => Name(FormatPoints(m.Indicator.Points)))];
    }
}
