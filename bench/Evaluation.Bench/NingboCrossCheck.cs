using System.Globalization;
using Evaluation.Engine;
using Evaluation.Rules.Loading;

namespace Evaluation.Bench;

/// <summary>The Ningbo 2018.1 plans (base and gas) with their populations, and the to-the-cent cross-check against the hand-written method.</summary>
public static class NingboCrossCheck
{
    /// <summary>rules/ningbo-harmonious-enterprise/2018.1.</summary>
    public static string Rules => Path.Combine(Paths.Root, "rules", "ningbo-harmonious-enterprise", "2018.1");

    /// <summary>The base catalogue's plan, or the gas variant's.</summary>
    public static ScoringPlan Plan(bool gas)
    {
        var set = CatalogueLoader.LoadDirectory(Rules);
        return ScoringPlan.Compile(gas ? set.Variants["gas"] : set.Base);
    }

    /// <summary>Every difference (indicator, category, total, veto, grade) between the engine and the hand-written method.</summary>
    public static List<string> Differences(ScoringPlan plan, bool gas, IReadOnlyList<(string? Id, FactSet Facts)> population)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(population);
        var hand = new HandWrittenNingbo(plan.Layout, gas);
        var ids = gas ? HandWrittenNingbo.GasIds : HandWrittenNingbo.BaseIds;
        var points = new decimal[ids.Length];
        var differences = new List<string>();
        foreach (var (id, facts) in population)
        {
            var card = plan.Evaluate(facts, id, explain: false);
            var mine = hand.Score(facts, points);
            if (card.Indicators.Length != ids.Length)
                differences.Add($"{id}: {card.Indicators.Length} indicators in the plan, {ids.Length} by hand");
            var byId = card.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);
            for (var i = 0; i < ids.Length; i++)
                Compare(differences, id, ids[i], byId.TryGetValue(ids[i], out var p) ? p : -1m, points[i]);
            var categories = card.Categories.ToDictionary(c => c.Id, c => c.Points, StringComparer.Ordinal);
            Compare(differences, id, "development", categories["development"], mine.Development);
            Compare(differences, id, "labour", categories["labour"], mine.Labour);
            Compare(differences, id, "environment", categories["environment"], mine.Environment);
            Compare(differences, id, "social", categories["social"], mine.Social);
            Compare(differences, id, "culture", categories["culture"], mine.Culture);
            Compare(differences, id, "total", card.Total, mine.Total);
            if (card.Grade != mine.Grade) differences.Add($"{id} grade: engine {card.Grade}, hand-written {mine.Grade}");
            if (card.Vetoed != mine.Vetoed) differences.Add($"{id} vetoed: engine {card.Vetoed}, hand-written {mine.Vetoed}");
        }
        return differences;
    }

    /// <summary>How the population spreads over grades and statuses, to show the variety is real.</summary>
    public static string Profile(ScoringPlan plan, IReadOnlyList<(string? Id, FactSet Facts)> population)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(population);
        var cards = population.Select(p => plan.Evaluate(p.Facts, p.Id, explain: false)).ToList();
        var grades = cards.GroupBy(c => c.Grade).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        var statuses = cards.SelectMany(c => c.Indicators).GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => $"{ScoreCardJson.StatusName(g.Key)}={g.Count()}");
        var missing = cards.Count(c => c.MissingInputs.Length > 0);
        var divByZero = population.Count(p => p.Facts["employees"] is 0m);
        return string.Create(CultureInfo.InvariantCulture,
            $"{cards.Count} enterprises; grades {string.Join(" ", grades)}; vetoed {cards.Count(c => c.Vetoed)}; indicator statuses {string.Join(" ", statuses)}; " +
            $"with missing inputs {missing}; employees = 0 {divByZero}; mean total {cards.Average(c => c.Total):0.00}");
    }

    private static void Compare(List<string> differences, string? id, string what, decimal engine, decimal hand)
    {
        if (engine != hand) differences.Add(string.Create(CultureInfo.InvariantCulture, $"{id} {what}: engine {engine}, hand-written {hand}"));
    }
}
