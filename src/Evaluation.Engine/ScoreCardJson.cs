using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Evaluation.Engine;

/// <summary>
/// Writes ScoreCards as JSON with a fixed key order and points as strings with two decimals
/// ("983.48"), so the same catalogue and facts give byte-identical output.
/// </summary>
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

    /// <summary>Writes an array of ScoreCards to a stream.</summary>
    public static void Write(Stream stream, IEnumerable<ScoreCard> cards)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartArray();
        foreach (var card in cards) WriteCard(writer, card);
        writer.WriteEndArray();
    }

    private static void WriteCard(Utf8JsonWriter w, ScoreCard card)
    {
        var catalogue = card.Plan.Catalogue;
        w.WriteStartObject();
        w.WriteString("id", card.Id);
        w.WriteString("catalogue", catalogue.Id);
        w.WriteString("version", catalogue.Version);
        w.WriteString("variant", catalogue.Variant?.Id);
        w.WriteString("total", Explanation.Points(card.Total));
        w.WriteString("grade", card.Grade);
        w.WriteBoolean("vetoed", card.Vetoed);
        WriteIds(w, "vetoes", card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id));
        WriteIds(w, "vetoesUndecided", card.Vetoes.Where(v => v.Fired is null).Select(v => v.Id));
        w.WriteStartObject("categories");
        foreach (var c in card.Categories) w.WriteString(c.Id, Explanation.Points(c.Points));
        w.WriteEndObject();
        w.WriteStartObject("indicators");
        foreach (var i in card.Indicators)
        {
            w.WriteStartObject(i.Id);
            w.WriteString("points", Explanation.Points(i.Points));
            w.WriteString("max", Explanation.Points(i.Max));
            w.WriteString("status", StatusName(i.Status));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        WriteIds(w, "missingInputs", card.MissingInputs);
        w.WriteEndObject();
    }

    /// <summary>Points as shown everywhere: two decimals, invariant ("983.48").</summary>
    public static string FormatPoints(decimal points) => Explanation.Points(points);

    /// <summary>The status as it appears in JSON and CSV.</summary>
    public static string StatusName(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Scored => "scored",
        IndicatorStatus.Missing => "missing",
        IndicatorStatus.Clamped => "clamped",
        _ => "conflict",
    };

    private static void WriteIds(Utf8JsonWriter w, string name, IEnumerable<string> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids) w.WriteStringValue(id);
        w.WriteEndArray();
    }
}
