using Evaluation.Bench;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Tests.Engine;

/// <summary>
/// ADR 0009: the plan runs an indicator's rule on plain decimals once its reads are present, and falls back to
/// the all-nullable plan when a decimal overflows. Both must give the same ScoreCard and explanation for every
/// catalogue and every input, including nulls, zero divisors and numbers at the edge of decimal.
/// </summary>
public sealed class PresentPlanTests
{
    public static TheoryData<string> Catalogues()
    {
        var data = new TheoryData<string>();
        foreach (var key in AllCatalogues().Keys) data.Add(key);
        return data;
    }

    private static Dictionary<string, Catalogue> AllCatalogues()
    {
        var set = CatalogueLoader.LoadDirectory(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1"));
        var all = new Dictionary<string, Catalogue>(StringComparer.Ordinal) { ["base"] = set.Base, ["demo"] = Scoring.Demo, ["generated-40"] = CatalogueGenerator.Load() };
        foreach (var (id, variant) in set.Variants) all[id] = variant;
        if (set.Park is { } park) all["park"] = park;
        return all;
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Present_and_safe_plans_give_the_same_cards_and_explanations(string key)
    {
        var catalogue = AllCatalogues()[key];
        var present = ScoringPlan.Compile(catalogue);
        var safe = ScoringPlan.CompileSafe(catalogue);
        var raw = NingboPopulation.GenerateRaw(catalogue, 400, seed: 7).Concat(Edges(catalogue)).ToList();
        var compared = 0;
        foreach (var (facts, i) in raw.Select((f, i) => (f, i)))
        {
            var bound = present.Bind(facts, []);
            if (bound is null) continue;    // a value outside an input's range: not a fact set either plan sees
            var rebound = safe.Bind(facts, []).ShouldNotBeNull();
            var a = present.Evaluate(bound, $"E{i}", explain: false);
            var b = safe.Evaluate(rebound, $"E{i}", explain: false);
            ScoreCardJson.Serialize(a).ShouldBe(ScoreCardJson.Serialize(b), $"{key} enterprise {i}");
            a.Indicators.Select(x => x.Points).ShouldBe(b.Indicators.Select(x => x.Points));
            var explained = present.Evaluate(bound, $"E{i}", explain: true);
            ScoreCardJson.Serialize(explained).ShouldBe(ScoreCardJson.Serialize(b));
            if (i % 7 == 0 || i >= 400) explained.Explain().Render("en").ShouldBe(b.Explain().Render("en"), $"{key} enterprise {i}");
            compared++;
        }
        compared.ShouldBeGreaterThan(300);
    }

    [Fact]
    public void An_overflow_on_the_present_path_is_scored_by_the_safe_plan()
    {
        var catalogue = Scoring.OneIndicator(
            "  - { id: n, type: decimal, source: enterprise, label: { zh: 数 } }",
            "{ id: X1, name: { zh: 溢出 }, method: quantitative, points: 10, score: \"n * n - n * n + 5\" }");
        var plan = ScoringPlan.Compile(catalogue);
        var big = plan.Bind(new Dictionary<string, object?> { ["n"] = 79228162514264337593543950335m }, []).ShouldNotBeNull();
        var card = plan.Evaluate(big, "big", explain: false);
        plan.Fallbacks.ShouldBe(1);
        // FEEL: n * n overflows → null → the rule is null → missing, 0 points (not an exception, not 5).
        card.Indicators[0].Status.ShouldBe(IndicatorStatus.Missing);
        card.Total.ShouldBe(0m);
        var safe = ScoringPlan.CompileSafe(catalogue);
        var safeBig = safe.Bind(new Dictionary<string, object?> { ["n"] = 79228162514264337593543950335m }, []).ShouldNotBeNull();
        plan.Evaluate(big, "big", explain: true).Explain().Render("en").ShouldBe(safe.Evaluate(safeBig, "big").Explain().Render("en"));
        var small = plan.Bind(new Dictionary<string, object?> { ["n"] = 3m }, []).ShouldNotBeNull();
        plan.Evaluate(small, "small").Indicators[0].Points.ShouldBe(5m);
    }

    [Fact]
    public void A_division_by_a_present_zero_is_still_null_on_the_present_path()
    {
        var catalogue = Scoring.OneIndicator(
            "  - { id: a, type: decimal, source: enterprise, label: { zh: 甲 } }\n  - { id: b, type: decimal, source: enterprise, label: { zh: 乙 } }",
            "{ id: X1, name: { zh: 除零 }, method: quantitative, points: 10, score: \"if a / b > 1 then 10 else 4\" }");
        var present = ScoringPlan.Compile(catalogue);
        var facts = present.Bind(new Dictionary<string, object?> { ["a"] = 5m, ["b"] = 0m }, []).ShouldNotBeNull();
        // a / 0 is null, null > 1 is null, the if takes its else branch.
        present.Evaluate(facts).Indicators[0].Points.ShouldBe(4m);
        var safe = ScoringPlan.CompileSafe(catalogue);
        safe.Evaluate(safe.Bind(new Dictionary<string, object?> { ["a"] = 5m, ["b"] = 0m }, []).ShouldNotBeNull()).Indicators[0].Points.ShouldBe(4m);
    }

    // Numbers at the edges: 0, the largest decimal, tiny fractions, negatives where allowed; every present input set.
    private static IEnumerable<Dictionary<string, object?>> Edges(Catalogue catalogue)
    {
        decimal[] edges = [0m, 1m, 79228162514264337593543950335m, 0.0000000000000000000000000001m, 12345678901234567890.5m, -79228162514264337593543950335m];
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
