using System.Globalization;
using System.Text;
using System.Text.Json;
using Evaluation.Bench;

namespace Evaluation.Engine.Tests.Engine;

/// <summary>
/// The fast ScoreCard writer (encoded names, points straight to UTF-8, flushed as it goes) must write exactly what
/// the plain writer it replaced wrote: snapshots are hashed and compared byte for byte.
/// </summary>
public sealed class ScoreCardJsonTests
{
    [Fact]
    public void Points_are_formatted_as_the_two_decimal_string_format_for_every_kind_of_value()
    {
        var random = new Random(20181);
        var values = new List<decimal>
        {
            0m, 0.00m, 1m, 1.5m, 10.25m, 0.005m, 0.004m, 0.995m, 2.675m, 999.995m, -0.001m, -0.005m, -1.5m, -0m,
            new(0, 0, 0, isNegative: true, scale: 2), 999_999_999_999.99m, 1_000_000_000_000m, 12_345_678_901_234.5m,
            decimal.MaxValue, decimal.MinValue, 1m / 3m, 2m / 3m, 0.0000000000000000000000000001m,
        };
        for (var i = 0; i < 200_000; i++)
        {
            var mantissa = random.NextInt64(0, i % 3 == 0 ? 1_000_000 : long.MaxValue);
            var d = new decimal((int)mantissa, (int)(mantissa >> 32), random.Next(0, 3), isNegative: random.Next(10) == 0, scale: (byte)random.Next(0, 29));
            values.Add(d);
        }
        Span<byte> buffer = stackalloc byte[64];
        foreach (var d in values)
        {
            var n = ScoreCardJson.FormatPoints(d, buffer);
            Encoding.UTF8.GetString(buffer[..n]).ShouldBe(d.ToString("0.00", CultureInfo.InvariantCulture), d.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_population_is_written_byte_for_byte_as_the_plain_writer_wrote_it(bool gas)
    {
        var plan = NingboCrossCheck.Plan(gas);
        var population = NingboPopulation.Bind(plan, 2_000);
        var cards = population.Select((p, i) => plan.Evaluate(p.Facts, i % 7 == 0 ? null : p.Id, explain: i % 5 == 0)).ToList();
        cards.Select(c => c.Grade).Distinct().Count().ShouldBeGreaterThan(2);

        var written = ScoreCardJson.Serialize(cards);

        written.ShouldBe(Reference.Serialize(cards));
        ScoreCardJson.Serialize(cards[3]).ShouldBe(Reference.Serialize(cards[3]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    [InlineData(5_000)]
    public void Chunks_scored_and_written_in_parallel_are_the_bytes_of_one_array(int chunk)
    {
        var plan = NingboCrossCheck.Plan(gas: false);
        var population = NingboPopulation.Bind(plan, 1_000);
        var expected = Reference.Serialize(population.Select(p => plan.Evaluate(p.Facts, p.Id, explain: false)));
        using var stream = new MemoryStream();
        var opened = 0;
        var progress = new List<int>();

        ScoreCardJson.WriteParallel(() => { opened++; return stream; }, population.Length,
            i => plan.Evaluate(population[i].Facts, population[i].Id, explain: false), progress.Add, chunk);

        Encoding.UTF8.GetString(stream.ToArray()).ShouldBe(expected);
        opened.ShouldBe(1);
        progress[^1].ShouldBe(population.Length);
        progress.ShouldBe(progress.Order());
    }

    [Fact]
    public void No_cards_in_parallel_is_an_empty_array_and_a_failing_card_creates_nothing()
    {
        using var empty = new MemoryStream();
        ScoreCardJson.WriteParallel(() => empty, 0, _ => throw new InvalidOperationException());
        Encoding.UTF8.GetString(empty.ToArray()).ShouldBe(Reference.Serialize([]));

        var opened = false;
        Should.Throw<AggregateException>(() => ScoreCardJson.WriteParallel(() => { opened = true; return new MemoryStream(); }, 10,
            _ => throw new InvalidOperationException("scoring failed")));
        opened.ShouldBeFalse();
    }

    [Fact]
    public void Demo_cards_with_variants_are_written_as_the_plain_writer_wrote_them()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("rules", "demo", "1.0", "demo-facts.json")));
        var cards = doc.RootElement.EnumerateArray().Select(item => Scoring.Score(Scoring.DemoSet.Resolve(item.GetProperty("variant").GetString()),
            item.GetProperty("facts").EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind switch
            {
                JsonValueKind.Number => p.Value.GetDecimal(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => p.Value.GetString(),
            })), item.GetProperty("id").GetString()!)).ToList();
        cards.ShouldContain(c => c.Plan.Catalogue.Variant != null);

        ScoreCardJson.Serialize(cards).ShouldBe(Reference.Serialize(cards));
    }

    /// <summary>The writer as it was before it was made fast, kept here as the reference.</summary>
    private static class Reference
    {
        private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string Serialize(ScoreCard card)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Options)) WriteCard(writer, card);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        public static string Serialize(IEnumerable<ScoreCard> cards)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Options))
            {
                writer.WriteStartArray();
                foreach (var card in cards) WriteCard(writer, card);
                writer.WriteEndArray();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static string Points(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

        private static void WriteCard(Utf8JsonWriter w, ScoreCard card)
        {
            var catalogue = card.Plan.Catalogue;
            w.WriteStartObject();
            w.WriteString("id", card.Id);
            w.WriteString("catalogue", catalogue.Id);
            w.WriteString("version", catalogue.Version);
            w.WriteString("variant", catalogue.Variant?.Id);
            w.WriteString("total", Points(card.Total));
            w.WriteString("grade", card.Grade);
            w.WriteBoolean("vetoed", card.Vetoed);
            WriteIds(w, "vetoes", card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id));
            WriteIds(w, "vetoesUndecided", card.Vetoes.Where(v => v.Fired is null).Select(v => v.Id));
            w.WriteStartObject("categories");
            foreach (var c in card.Categories) w.WriteString(c.Id, Points(c.Points));
            w.WriteEndObject();
            w.WriteStartObject("indicators");
            foreach (var i in card.Indicators)
            {
                w.WriteStartObject(i.Id);
                w.WriteString("points", Points(i.Points));
                w.WriteString("max", Points(i.Max));
                w.WriteString("status", ScoreCardJson.StatusName(i.Status));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            WriteIds(w, "missingInputs", card.MissingInputs);
            w.WriteEndObject();
        }

        private static void WriteIds(Utf8JsonWriter w, string name, IEnumerable<string> ids)
        {
            w.WriteStartArray(name);
            foreach (var id in ids) w.WriteStringValue(id);
            w.WriteEndArray();
        }
    }
}
