using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Rules.Loading;

namespace Evaluation.Bench;

/// <summary>
/// `--score-json &lt;population.json&gt; [--explain]`: our side of the ZEN comparison measured the way bench/zen/run.mjs
/// measures ZEN, in one process: read and parse the same JSON input ([{id, variant, facts}]), load the catalogue
/// folder and compile the plan, then bind and score every enterprise sequentially (output not written, as ZEN's
/// is not). Prints the same figures: load, per enterprise (bind + evaluate), end to end.
/// </summary>
public static class ScoreJson
{
    /// <summary>Runs the measurement and prints one JSON line.</summary>
    public static void Run(string path, bool explain)
    {
        var start = Stopwatch.StartNew();
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var items = document.RootElement.EnumerateArray().Select(e => (
            Id: e.GetProperty("id").GetString(),
            Variant: e.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null,
            Facts: e.GetProperty("facts").EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal))).ToList();
        var parsed = start.Elapsed;
        var set = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
        var catalogue = start.Elapsed;
        var plans = new ScoringPlans();
        foreach (var variant in items.Select(i => i.Variant).Distinct()) plans.For(set.Resolve(variant));
        var loaded = start.Elapsed;
        var loop = Stopwatch.StartNew();
        var errors = new List<string>();
        var sum = 0m;
        foreach (var (id, variant, facts) in items)
        {
            var plan = plans.For(set.Resolve(variant));
            var bound = plan.Bind(facts, errors) ?? throw new InvalidOperationException($"{id}: {string.Join("; ", errors)}");
            sum += plan.Evaluate(bound, id, explain).Total;
        }
        var perEnterprise = loop.Elapsed.TotalMilliseconds * 1000 / items.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"input\":\"{path}\",\"enterprises\":{items.Count},\"explain\":{(explain ? "true" : "false")},\"loadMs\":{loaded.TotalMilliseconds:0},\"parseJsonMs\":{parsed.TotalMilliseconds:0},\"loadCatalogueMs\":{(catalogue - parsed).TotalMilliseconds:0},\"compileMs\":{(loaded - catalogue).TotalMilliseconds:0}," +
            $"\"sequentialUsPerEnterprise\":{perEnterprise:0.00},\"endToEndSequentialMs\":{start.Elapsed.TotalMilliseconds:0},\"sumOfTotals\":{sum}}}"));
    }

    private static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        _ => null,
    };
}
