using System.Globalization;
using System.Text;
using System.Text.Json;
using Evaluation.Bench;
using Evaluation.Cli;

namespace Evaluation.Engine.Tests.Cli;

/// <summary>
/// The streaming JSON facts reader must read exactly what the JsonDocument reader it replaced read — the same cases,
/// facts, values (type and scale), line numbers and errors — on real files and on malformed ones.
/// </summary>
public sealed class FactsFileTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("evaluation-facts-");

    public void Dispose() => _temp.Delete(recursive: true);

    public static TheoryData<string, string> Inputs() => new()
    {
        { "plain", """[ { "id": "E1", "variant": null, "facts": { "employees": 100, "rate": 0.950, "name": "A\u00e9\"b", "ok": true, "no": false, "gone": null } } ]""" },
        { "duplicate keys: last wins, first position kept", """[ { "id": "E1", "id": 7, "variant": "gas", "variant": "x", "facts": { "a": 1, "b": 2, "a": "three" } } ]""" },
        { "id and variant not strings", """[ { "id": 12, "variant": 3, "facts": {} }, { "variant": { "v": 1 }, "id": ["E"], "facts": { "x": 1 } } ]""" },
        { "facts given twice", """[ { "facts": { "a": 1 }, "id": "E1", "facts": { "b": 2 } }, { "facts": { "a": 1 }, "facts": 3 } ]""" },
        { "items that are not cases", """[ 1, "two", null, [], { "id": "E4" }, { "facts": [1] }, { "facts": "x" }, { "id": "E8", "facts": { } } ]""" },
        { "numbers that are not decimals", """[ { "facts": { "big": 1e400, "long": 123456789012345678901234567890123, "neg": -0.0, "exp": 1.5E+3, "small": 1e-30 } } ]""" },
        { "objects and arrays as values keep their text", "[ { \"facts\": { \"o\": { \"a\" : [ 1,\n 2 ] , \"b\": {} }, \"l\": [ \"x\" , null ] , \"e\": [] } } ]" },
        { "escaped names", """[ { "facts": { "emp\u006coyees": 10, "employees": 11, "\u5458\u5de5": 3, "员工": 4 } } ]""" },
        { "item errors, then invalid JSON", """[ 1, { "facts": { "a": 1 } }, { "facts": { "a": ] } ]""" },
        { "trailing comma", """[ { "facts": { "a": 1 } }, ]""" },
        { "comment", "[ // no\n { \"facts\": {} } ]" },
        { "root object", """{ "id": "E1", "facts": { "a": 1 } }""" },
        { "root number", "42" },
        { "root object then garbage", """{ "a": 1 } x""" },
        { "array then garbage", """[ { "facts": {} } ] [ ]""" },
        { "unclosed", """[ { "facts": { "a": 1 } }""" },
        { "empty", "" },
        { "whitespace", " \n\t " },
        { "byte-order mark", "\uFEFF[ { \"facts\": { \"a\": 1 } } ]" },
        { "too deep", "[ { \"facts\": { \"a\": " + new string('[', 70) + new string(']', 70) + " } } ]" },
        { "deep but allowed", "[ { \"facts\": { \"a\": " + new string('[', 60) + new string(']', 60) + " } } ]" },
        { "empty array", "[]" },
        { "long name", "[ { \"facts\": { \"" + new string('n', 300) + "\": 1 } } ]" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Streaming_reader_reads_what_the_document_reader_read(string name, string json)
    {
        var path = Path.Combine(_temp.FullName, "facts.json");
        File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        ShouldReadTheSame(path, name);
    }

    [Fact]
    public void Invalid_utf8_fails_the_same_way()
    {
        foreach (var (name, bytes) in new[]
        {
            ("in a name", NotUtf8("""[ { "facts": { "a#": 1 } } ]""")),
            ("in a string", NotUtf8("""[ { "facts": { "a": "#" } } ]""")),
            ("in an object value", NotUtf8("""[ { "facts": { "a": { "#": 1 } } } ]""")),
        })
        {
            var path = Path.Combine(_temp.FullName, "bad.json");
            File.WriteAllBytes(path, bytes);
            var expected = Should.Throw<InvalidOperationException>(() => Reference.Read(path, []), name);
            Should.Throw<InvalidOperationException>(() => FactsFile.Read(path, []), name).Message.ShouldBe(expected.Message, name);
        }
    }

    // The text's UTF-8 with every '#' replaced by the byte 0xFF, which UTF-8 never uses.
    private static byte[] NotUtf8(string json) => [.. Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'#' ? (byte)0xFF : b)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_generated_population_is_read_the_same(bool gas)
    {
        var plan = NingboCrossCheck.Plan(gas);
        var raw = NingboPopulation.GenerateRaw(plan.Catalogue, 1_000);
        var items = raw.Select((facts, i) => new Dictionary<string, object?> { ["id"] = NingboPopulation.IdOf(i), ["variant"] = gas ? "gas" : null, ["facts"] = facts });
        var path = Path.Combine(_temp.FullName, "population.json");
        File.WriteAllText(path, JsonSerializer.Serialize(items));

        var cases = ShouldReadTheSame(path, "population");

        cases.Count.ShouldBe(1_000);
        cases.Count(c => c.Facts.ContainsValue(null)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_demo_facts_are_read_the_same()
    {
        ShouldReadTheSame(Repo.Path("rules", "demo", "1.0", "demo-facts.json"), "demo").Count.ShouldBe(4);
    }

    private static List<FactCase> ShouldReadTheSame(string path, string name)
    {
        var (expectedErrors, actualErrors) = (new List<string>(), new List<string>());
        var expected = Reference.Read(path, expectedErrors);

        var actual = FactsFile.Read(path, actualErrors);

        actualErrors.ShouldBe(expectedErrors, name);
        actual.Select(Describe).ShouldBe(expected.Select(Describe), name);
        return actual;
    }

    // Everything a case holds, with each value's type and a decimal's scale.
    private static string Describe(FactCase c) =>
        $"{c.Id}|{c.Variant ?? "<null>"}|{c.Line}|" + string.Join(";", c.Facts.Select(f => $"{f.Key}={f.Value switch
        {
            null => "<null>",
            decimal d => "decimal:" + d.ToString(CultureInfo.InvariantCulture),
            var v => v.GetType().Name + ":" + Convert.ToString(v, CultureInfo.InvariantCulture),
        }}"));

    /// <summary>The reader as it was before it streamed, kept here as the reference.</summary>
    private static class Reference
    {
        public static List<FactCase> Read(string path, List<string> errors)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(File.ReadAllBytes(path));
            }
            catch (JsonException e)
            {
                errors.Add($"{path}:{e.LineNumber + 1}: not valid JSON: {e.Message}");
                return [];
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path}: expected a JSON array of {{ \"id\", \"variant\", \"facts\" }}");
                    return [];
                }
                var cases = new List<FactCase>();
                var n = 0;
                foreach (var item in doc.RootElement.EnumerateArray())
                    if (FactsFile.ReadCase(item, ++n, $"{path}: item {n}", errors) is { } c) cases.Add(c);
                return cases;
            }
        }
    }
}
