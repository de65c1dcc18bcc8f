using System.Linq.Expressions;
using Evaluation.Rules.Loading;

namespace Evaluation.Engine.Tests.Engine;

/// <summary>
/// ADR 0014: a plan is a stage per indicator and per veto, one for categories and total, one for the grade; identical stages of different catalogues
/// are one delegate; one-number first-hit tables are data for <see cref="IntervalTable"/>, which drops the bound
/// checks the rows before imply. Scores themselves are compared elsewhere (present vs safe plan on all 16
/// catalogues, the golden files, the hand-written Ningbo method).
/// </summary>
public sealed class StagedPlanTests
{
    [Fact]
    public void A_variant_shares_the_stages_of_the_indicators_it_does_not_change()
    {
        var set = CatalogueLoader.LoadDirectory(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1"));
        var plans = new ScoringPlans();
        var basePlan = plans.Compile(set.Base);
        var gasPlan = plans.Compile(set.Variants["gas"]);
        Delegate Stage(ScoringPlan plan, string id) =>
            plan.Stages.Steps[plan.Metadata.Indicators.ToList().FindIndex(m => m.Indicator.Id == id)].Stage;

        // D6 (credit grade table) and L1 are the same in gas; S7 is re-weighted 25 → 15 and E2 reads another energy baseline.
        Stage(gasPlan, "D6").ShouldBeSameAs(Stage(basePlan, "D6"));
        Stage(gasPlan, "L1").ShouldBeSameAs(Stage(basePlan, "L1"));
        Stage(gasPlan, "S7").ShouldNotBeSameAs(Stage(basePlan, "S7"));
        Stage(gasPlan, "E2").ShouldNotBeSameAs(Stage(basePlan, "E2"));
        // A stage per indicator, per veto, one for categories and total, and the grade's, shared (same bands).
        gasPlan.Stages.Steps.Count.ShouldBe(gasPlan.Metadata.Indicators.Length + gasPlan.Catalogue.Vetoes.Length + 2);
        gasPlan.Stages.Steps[^1].Stage.ShouldBeSameAs(basePlan.Stages.Steps[^1].Stage);
    }

    [Fact]
    public void Trees_that_differ_in_a_constant_have_different_fingerprints_and_equal_trees_the_same()
    {
        static Expression<Func<decimal, decimal>> Times(decimal c)
        {
            var x = Expression.Parameter(typeof(decimal), "x");
            return Expression.Lambda<Func<decimal, decimal>>(Expression.Multiply(x, Expression.Constant(c)), x);
        }

        Fingerprint.Of(Times(1.0m)).ShouldBe(Fingerprint.Of(Times(1.0m)));
        // 1.0 and 1.00 are equal numbers, but x × 1.0 and x × 1.00 have different scales (and ScoreCard text).
        Fingerprint.Of(Times(1.0m)).ShouldNotBe(Fingerprint.Of(Times(1.00m)));
        Fingerprint.Of(Times(2m)).ShouldNotBe(Fingerprint.Of(Times(1m)));
    }

    [Fact]
    public void An_interval_table_finds_the_row_the_rows_as_written_find()
    {
        var random = new Random(20181101);
        decimal[] grid = [-1m, -0.05m, 0m, 0.5m, 0.8m, 0.8m, 1.0m, 1.00m, 1.2m, 2m];
        var checkedValues = 0;
        for (var t = 0; t < 3000; t++)
        {
            var rows = new List<IntervalTable.Row>();
            var count = random.Next(1, 7);
            for (var r = 0; r < count; r++)
            {
                decimal? Pick() => random.Next(4) == 0 ? null : grid[random.Next(grid.Length)];
                var (lo, hi) = (Pick(), Pick());
                rows.Add(random.Next(6) == 0 && lo is { } v
                    ? new(v, false, v, false, r + 1)    // an equality
                    : new(lo, random.Next(2) == 0, hi, random.Next(2) == 0, r + 1));
            }
            var table = new IntervalTable(rows);
            foreach (var x in grid.Concat([-2m, 0.4m, 0.9m, 1.1m, 1.5m, 3m, 0.79m, 0.81m]))
            {
                var expected = rows.FindIndex(row =>
                    (row.Lower is not { } lo || (row.LowerStrict ? x > lo : x >= lo))
                    && (row.Upper is not { } hi || (row.UpperStrict ? x < hi : x <= hi)));
                var mask = new long[1];
                var result = IntervalTable.First(x, table, mask, 0);
                result.ShouldBe(expected < 0 ? 0m : rows[expected].Result, $"table {t}, x = {x}");
                mask[0].ShouldBe(expected < 0 ? 0L : 1L << expected, $"table {t}, x = {x}");
                checkedValues++;
            }
        }
        checkedValues.ShouldBeGreaterThan(40_000);
    }

    [Fact]
    public void The_bound_checks_earlier_rows_imply_are_not_repeated()
    {
        // >= 1.2, [1.0..1.2), [0.8..1.0), - : after ">= 1.2" fails, x < 1.2 is known, and so on down.
        var table = new IntervalTable([new(1.2m, false, null, false, 20), new(1.0m, false, 1.2m, true, 16), new(0.8m, false, 1.0m, true, 12), new(null, false, null, false, 0)]);
        table.CheckCount.ShouldBe(3);
        foreach (var (x, points) in new[] { (1.2m, 20m), (1.19m, 16m), (1.0m, 16m), (0.99m, 12m), (0.8m, 12m), (0.79m, 0m) })
            IntervalTable.First(x, table, new long[1], 0).ShouldBe(points);
        // A gap ([0.5..0.8) after "<= 0.3" failed): both bounds of the second row are still needed.
        new IntervalTable([new(null, false, 0.3m, false, 1), new(0.5m, false, 0.8m, true, 2)]).CheckCount.ShouldBe(3);
    }
}
