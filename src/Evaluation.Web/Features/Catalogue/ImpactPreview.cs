using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>An enterprise whose grade differs under the new version, with the indicators that moved most for it.</summary>
internal sealed record ImpactRow(Guid ApplicationId, string Enterprise, string CreditCode, District District, string IndustryCode,
    decimal OldTotal, string OldGrade, decimal NewTotal, string NewGrade, IReadOnlyList<IndicatorDelta> Changes);

internal sealed record IndicatorDelta(string Id, string Name, decimal Delta);

/// <summary>One indicator's movement over the enterprises that change grade.</summary>
internal sealed record IndicatorShift(string Id, string Name, int Enterprises, decimal Net, decimal Absolute);

/// <summary>A parameter whose value differs between the two versions (after the campaign's overrides).</summary>
/// <summary>A parameter whose value differs between the versions, with the catalogue's name for it (null if it has none).</summary>
internal sealed record ParameterChange(string Id, Rules.Model.Text? Label, string Old, string New);

internal sealed record Impact(
    Campaign Campaign, string CatalogueId, string Version, int Scored, IReadOnlyList<(CampaignMember Member, string Error)> Unscorable,
    IReadOnlyList<ImpactRow> Changed, IReadOnlyDictionary<(string Old, string New), int> Transitions,
    IReadOnlyList<IndicatorShift> Reasons, IReadOnlyList<ParameterChange> Parameters, IReadOnlyList<string> DroppedOverrides,
    TimeSpan Elapsed)
{
    public static readonly string[] Grades = ["A", "B", "C", "D", "-"];

    /// <summary>The grade colours of site.css, so a chart's B is the table's B.</summary>
    public static string ColourOf(string grade) => grade switch
    {
        "A" => "#1f7a4d", "B" => "#2680c2", "C" => "#a15c07", "D" => "#7b1f1f", _ => "#9aa5b1",
    };

    /// <summary>ECharts option: enterprises by old grade (x), stacked by new grade.</summary>
    public object TransitionChart() => new
    {
        tooltip = new { trigger = "axis" },
        legend = Dashboards.DashboardCharts.Legend(Grades.Select(g => "→ " + g)),
        grid = Dashboards.DashboardCharts.Grid,
        xAxis = new { type = "category", data = Grades.Select(g => "原 / old " + g) },
        yAxis = Dashboards.DashboardCharts.ValueAxis("企业数 / enterprises"),
        series = Grades.Select(to => new
        {
            name = "→ " + to,
            type = "bar",
            stack = "new",
            itemStyle = new { color = ColourOf(to) },
            data = Grades.Select(from => Transitions.TryGetValue((from, to), out var n) ? n : 0),
        }),
    };

    public ExportTable Export() => new($"impact-{CatalogueId}-{Version}",
        ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "行业 / industry", "原总分 / old total", "原等级 / old grade",
         "新总分 / new total", "新等级 / new grade", "主要变化 / main changes"],
        [.. Changed.Select(r => (IReadOnlyList<object?>)[r.Enterprise, r.CreditCode, r.District.Zh(), r.IndustryCode, r.OldTotal, r.OldGrade,
            r.NewTotal, r.NewGrade, r.Changes.Count == 0 ? "等级规则 / grade rule"
                : string.Join("; ", r.Changes.Select(c => $"{c.Id} {c.Delta.ToString("+0.##;-0.##", CultureInfo.InvariantCulture)}"))])]);
}

/// <summary>
/// Re-scores a campaign's facts under another catalogue version and compares with its own version: which
/// enterprises change grade and why. Both sides are scored now on the same facts, so the difference is
/// the catalogue's alone (a snapshot taken before a later fact correction would mix the two).
/// </summary>
internal sealed class ImpactPreview(CampaignScoring scoring, CampaignCatalogues catalogues)
{
    public async Task<Impact> ComputeAsync(Campaign campaign, string catalogueId, string version, CancellationToken cancellationToken) =>
        Compute(await scoring.LoadAsync(campaign, cancellationToken), catalogueId, version);

    /// <summary>The comparison on a population already read (the benchmark feeds it thousands of enterprises).</summary>
    public Impact Compute(CampaignPopulation population, string catalogueId, string version)
    {
        var campaign = population.Campaign;
        var watch = Stopwatch.StartNew();
        var (newOverrides, dropped) = Carry(campaign.ParameterOverridesJson, catalogues.For(catalogueId, version, "", null).Catalogue);
        // Small enterprises on the item-by-item track are assessed by modules, not on the A–D grades.
        bool Graded(CampaignMember m) => m.Track == Track.Full;
        var before = Scorer.ScoreAll(population, industry => catalogues.For(campaign, industry), Graded);
        var after = Scorer.ScoreAll(population, industry => catalogues.For(catalogueId, version, newOverrides, industry), Graded);

        var transitions = new Dictionary<(string, string), int>();
        var changed = new List<ImpactRow>();
        var unscorable = before.Unscorable.Concat(after.Unscorable).DistinctBy(u => u.Member.ApplicationId).ToList();
        var scored = 0;
        foreach (var member in population.Members.Where(Graded))
        {
            if (!before.Cards.TryGetValue(member.ApplicationId, out var old) || !after.Cards.TryGetValue(member.ApplicationId, out var now)) continue;
            scored++;
            var key = (old.Grade, now.Grade);
            transitions[key] = transitions.GetValueOrDefault(key) + 1;
            if (old.Grade == now.Grade) continue;
            changed.Add(new ImpactRow(member.ApplicationId, member.Enterprise.Name, member.Enterprise.CreditCode, member.Enterprise.District,
                member.Enterprise.IndustryCode, old.Total, old.Grade, now.Total, now.Grade, Deltas(old, now)));
        }
        var reasons = changed.SelectMany(r => r.Changes)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => new IndicatorShift(g.Key, g.First().Name, g.Count(), g.Sum(d => d.Delta), g.Sum(d => Math.Abs(d.Delta))))
            .OrderByDescending(s => s.Absolute).ThenBy(s => s.Id, StringComparer.Ordinal).Take(15).ToList();
        var parameters = ParameterChanges(catalogues.For(campaign, (string?)null).Catalogue,
            catalogues.For(catalogueId, version, newOverrides, null).Catalogue);
        return new Impact(campaign, catalogueId, version, scored, unscorable,
            [.. changed.OrderBy(r => r.OldGrade, StringComparer.Ordinal).ThenBy(r => r.NewGrade, StringComparer.Ordinal).ThenBy(r => r.CreditCode, StringComparer.Ordinal)],
            transitions, reasons, parameters, dropped, watch.Elapsed);
    }

    /// <summary>Every indicator whose points differ (by id across the versions; one missing on a side counts 0), largest first.</summary>
    private static List<IndicatorDelta> Deltas(ScoreCard old, ScoreCard now)
    {
        var before = old.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var after = now.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        return before.Keys.Union(after.Keys)
            .Select(id => new IndicatorDelta(id, (after.GetValueOrDefault(id) ?? before[id]).Name.Zh,
                (after.GetValueOrDefault(id)?.Points ?? 0) - (before.GetValueOrDefault(id)?.Points ?? 0)))
            .Where(d => d.Delta != 0)
            .OrderByDescending(d => Math.Abs(d.Delta)).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The campaign's overrides that the new version still declares; the others are listed, not applied.</summary>
    private static (string Json, List<string> Dropped) Carry(string overridesJson, Rules.Model.Catalogue target)
    {
        var overrides = ParameterOverrides.Parse(overridesJson);
        var kept = overrides.Where(o => target.Parameters.Any(p => p.Id == o.Key)).ToDictionary(o => o.Key, o => o.Value);
        return (JsonSerializer.Serialize(kept), [.. overrides.Keys.Except(kept.Keys).Order(StringComparer.Ordinal)]);
    }

    private static List<ParameterChange> ParameterChanges(Rules.Model.Catalogue old, Rules.Model.Catalogue now)
    {
        static string Text(object? v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "—";
        var before = old.Parameters.ToDictionary(p => p.Id, p => Text(p.Value), StringComparer.Ordinal);
        var after = now.Parameters.ToDictionary(p => p.Id, p => Text(p.Value), StringComparer.Ordinal);
        Rules.Model.Text? LabelOf(string id) =>
            now.Parameters.FirstOrDefault(p => p.Id == id)?.Label ?? old.Parameters.FirstOrDefault(p => p.Id == id)?.Label;
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(id => new ParameterChange(id, LabelOf(id), before.GetValueOrDefault(id) ?? "—", after.GetValueOrDefault(id) ?? "—"))
            .Where(c => c.Old != c.New)];
    }
}
