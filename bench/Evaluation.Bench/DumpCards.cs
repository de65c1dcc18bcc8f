using System.Text;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Bench;

/// <summary>
/// `--dump-cards FILE`: every ScoreCard (JSON) and, for every 5th enterprise, the rendered explanation (zh and en)
/// for 2,000 generated enterprises plus edge inputs on each of the 16 Ningbo catalogues and the demo. Run before
/// and after an engine change and compare the files byte for byte (ScoreCards must not change).
/// </summary>
public static class DumpCards
{
    /// <summary>Writes the dump.</summary>
    public static void Run(string file)
    {
        var set = CatalogueLoader.LoadDirectory(NingboCrossCheck.Rules);
        var catalogues = CompileAll.All(set);
        catalogues.Add(CatalogueLoader.LoadDirectory(Paths.DemoRules).Base);
        using var output = new StreamWriter(file, append: false, new UTF8Encoding(false));
        foreach (var catalogue in catalogues)
        {
            var plan = ScoringPlan.Compile(catalogue);
            var raw = NingboPopulation.GenerateRaw(catalogue, 2000, seed: 11).Concat(Edges(catalogue)).ToList();
            for (var i = 0; i < raw.Count; i++)
            {
                var facts = plan.Bind(raw[i], []);
                if (facts is null) { output.WriteLine($"{catalogue.Key} {i} unbound"); continue; }
                var explain = i % 2 == 0;
                var card = plan.Evaluate(facts, $"E{i}", explain);
                output.WriteLine($"{catalogue.Key} {i} {ScoreCardJson.Serialize(card)}");
                if (i % 5 == 0 || i >= 2000)
                {
                    output.WriteLine(card.Explain().Render("zh"));
                    output.WriteLine(card.Explain().Render("en"));
                }
            }
        }
    }

    private static IEnumerable<Dictionary<string, object?>> Edges(Catalogue catalogue)
    {
        decimal[] edges = [0m, 1m, 79228162514264337593543950335m, 0.0000000000000000000000000001m, 12345678901234567890.5m, -79228162514264337593543950335m, 0.5m, 0.8m, 1.2m];
        foreach (var edge in edges)
        {
            var f = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var input in catalogue.Inputs)
            {
                if (input.Type is not (InputType.Integer or InputType.Decimal)) continue;
                var v = input.Type == InputType.Integer ? decimal.Truncate(edge) : edge;
                if (input.Min is { } min && v < min) v = min;
                if (input.Max is { } max && v > max) v = max;
                f[input.Id] = v;
            }
            yield return f;
        }
    }
}
