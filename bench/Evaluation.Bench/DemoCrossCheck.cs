using System.Globalization;
using Evaluation.Engine;

namespace Evaluation.Bench;

/// <summary>Proves the hand-written method computes the engine's numbers, to the cent, for a population.</summary>
public static class DemoCrossCheck
{
    /// <summary>Every difference (indicator, category, total, grade) between the engine and the hand-written method.</summary>
    public static List<string> Differences(ScoringPlan plan, IReadOnlyList<(string? Id, FactSet Facts)> population)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(population);
        var hand = new HandWrittenDemo(plan.Layout);
        var differences = new List<string>();
        foreach (var (id, facts) in population)
        {
            var card = plan.Evaluate(facts, id, explain: false);
            var mine = hand.Score(facts);
            var indicators = mine.Indicators;
            if (card.Indicators.Length != indicators.Length)
                differences.Add($"{id}: {card.Indicators.Length} indicators in the plan, {indicators.Length} by hand");
            for (var i = 0; i < Math.Min(card.Indicators.Length, indicators.Length); i++)
                Compare(differences, id, card.Indicators[i].Id, card.Indicators[i].Points, indicators[i]);
            Compare(differences, id, "labour", card.Categories[0].Points, mine.Labour);
            Compare(differences, id, "culture", card.Categories[1].Points, mine.Culture);
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
        var defaulted = population.Count(p => p.Facts.IsDefaulted("credit_grade") || p.Facts.IsDefaulted("wage_arrears_cases") || p.Facts.IsDefaulted("fatal_accidents"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{cards.Count} enterprises; grades {string.Join(" ", grades)}; vetoed {cards.Count(c => c.Vetoed)}; indicator statuses {string.Join(" ", statuses)}; " +
            $"with missing inputs {missing}; employees = 0 (division by zero) {divByZero}; with a defaulted input {defaulted}; mean total {cards.Average(c => c.Total):0.00}");
    }

    private static void Compare(List<string> differences, string? id, string what, decimal engine, decimal hand)
    {
        if (engine != hand) differences.Add(string.Create(CultureInfo.InvariantCulture, $"{id} {what}: engine {engine}, hand-written {hand}"));
    }
}
