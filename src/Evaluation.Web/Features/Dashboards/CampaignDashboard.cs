using System.Globalization;
using Evaluation.Engine;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Exports;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Microsoft.Extensions.Caching.Memory;

namespace Evaluation.Web.Features.Dashboards;

/// <summary>One enterprise's result in a campaign as the dashboard counts it.</summary>
internal sealed record DashboardEntry(Guid EnterpriseId, string Name, string CreditCode, District District, string Industry,
    decimal Total, string Grade, IReadOnlyDictionary<string, decimal> Categories);

/// <summary>Where the figures come from: frozen ScoreCard snapshots (with published grades), or provisional scores.</summary>
internal enum DashboardSource { Snapshots, Provisional }

internal sealed record DashboardData(Campaign Campaign, DashboardSource Source, IReadOnlyList<DashboardEntry> Entries,
    IReadOnlyList<(string Id, string Name, string NameEn, decimal Max)> Categories, decimal MaxTotal, DashboardData? Previous, DateTime AsOf);

/// <summary>
/// A campaign's figures for the centre's dashboards. Each application's latest ScoreCard snapshot gives its
/// total and category points; its grade is the published rating's when one is valid (a rating downgraded
/// later counts as downgraded), else the snapshot's. A campaign with no snapshot yet (still open) is shown
/// on provisional scores: the engine on current facts, as the self-assessment page shows them.
/// </summary>
internal sealed class CampaignDashboard(EvaluationDbContext db, CampaignCatalogues catalogues, CampaignScoring scoring,
    IMemoryCache cache, TimeProvider clock)
{
    public static readonly string[] Grades = ["A", "B", "C", "D"];

    /// <summary>The states in which an application's latest snapshot is the centre's score (a run scored it).</summary>
    public static readonly ApplicationStatus[] Scored = [ApplicationStatus.Scored, ApplicationStatus.PublicNotice, ApplicationStatus.Published];

    /// <summary>
    /// How long one computation serves: the page and the five chart requests it makes right after all read
    /// the same figures (one database read and, for an open campaign, one scoring run instead of six).
    /// </summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(20);

    public async Task<DashboardData?> LoadAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var key = ("dashboard", campaignId);
        if (cache.TryGetValue(key, out DashboardData? cached)) return cached;
        var data = await LoadAsync(campaignId, cancellationToken, withPrevious: true);
        if (data is not null) cache.Set(key, data, Fresh);
        return data;
    }

    private async Task<DashboardData?> LoadAsync(Guid campaignId, CancellationToken cancellationToken, bool withPrevious)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null) return null;
        var set = catalogues.VersionOf(campaign);
        string IndustryOf(string code) => catalogues.For(campaign, code).Variant?.Name.Zh ?? "一般行业";
        // Only the centre's scores count as scored: an application frozen on submission (a provisional snapshot the
        // enterprise's own figures gave) but not yet scored by a run is not a result, and is counted provisionally below.
        var snapshots = await db.ScoreCardSnapshots.AsNoTracking()
            .Join(db.Applications.AsNoTracking().Where(a => a.CampaignId == campaignId && Scored.Contains(a.Status)),
                s => s.ApplicationId, a => a.Id, (s, a) => new { s, a.EnterpriseId })
            .Join(db.Enterprises.AsNoTracking(), x => x.EnterpriseId, e => e.Id, (x, e) => new { x.s, e })
            .ToListAsync(cancellationToken);
        List<DashboardEntry> entries;
        DashboardSource source;
        if (snapshots.Count > 0)
        {
            var ratings = (await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId && r.Status == RatingStatus.Published)
                .Select(r => new { r.EnterpriseId, r.Grade }).ToListAsync(cancellationToken)).ToDictionary(r => r.EnterpriseId, r => r.Grade.ToString());
            entries = [.. snapshots.GroupBy(x => x.s.ApplicationId)
                .Select(g => g.OrderByDescending(x => x.s.CreatedAt).ThenByDescending(x => x.s.Id).First())
                .Select(x => new DashboardEntry(x.e.Id, x.e.Name, x.e.CreditCode, x.e.District, IndustryOf(x.e.IndustryCode), x.s.Total,
                    ratings.GetValueOrDefault(x.e.Id) ?? x.s.Grade, CategoriesOf(x.s.ScoreCardJson)))];
            source = DashboardSource.Snapshots;
        }
        else
        {
            var population = await scoring.LoadAsync(campaign, cancellationToken);
            var scores = Scorer.ScoreAll(population, industry => catalogues.For(campaign, industry),
                m => m.Track == Track.Full && m.Status != ApplicationStatus.Draft);
            entries = [.. population.Members.Where(m => scores.Cards.ContainsKey(m.ApplicationId)).Select(m =>
            {
                var card = scores.Cards[m.ApplicationId];
                return new DashboardEntry(m.Enterprise.Id, m.Enterprise.Name, m.Enterprise.CreditCode, m.Enterprise.District,
                    IndustryOf(m.Enterprise.IndustryCode), card.Total, card.Grade, card.Categories.ToDictionary(c => c.Id, c => c.Points));
            })];
            source = DashboardSource.Provisional;
        }
        DashboardData? previous = null;
        if (withPrevious)
        {
            var before = await db.Campaigns.AsNoTracking()
                .Where(c => c.Year < campaign.Year && c.Level == campaign.Level && c.District == campaign.District)
                .OrderByDescending(c => c.Year).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (before != Guid.Empty) previous = await LoadAsync(before, cancellationToken, withPrevious: false);
        }
        return new DashboardData(campaign, source, [.. entries.OrderBy(e => e.CreditCode, StringComparer.Ordinal)],
            [.. set.Base.Categories.Select(c => (c.Id, c.Name.Zh, c.Name.En, c.Points))], set.Base.Total, previous, clock.GetUtcNow().UtcDateTime);
    }

    private static Dictionary<string, decimal> CategoriesOf(string json) =>
        ScoreCardJson.Read(json).Categories.ToDictionary(c => c.Id, c => c.Points, StringComparer.Ordinal);
}

/// <summary>The dashboard's charts (ECharts options, plain JSON) and the tables behind them.</summary>
internal static class DashboardCharts
{
    public static readonly string[] Names = ["district", "industry", "histogram", "categories", "yoy"];

    /// <summary>A chart's ECharts option, its words through <paramref name="t"/> (the page's language).</summary>
    public static object? Option(DashboardData d, string name, Func<string, string> t) => name switch
    {
        "district" => GradeStack(Table(d, "district"), t),
        "industry" => GradeStack(Table(d, "industry"), t),
        "histogram" => Histogram(d, t),
        "categories" => Categories(d, t),
        "yoy" => YearOnYear(d, t),
        _ => null,
    };

    /// <summary>The value axis, its title above it.</summary>
    internal static object ValueAxis(string title) => new { type = "value", name = title, nameLocation = "end", nameGap = 12 };

    /// <summary>
    /// The plot area inside 16 px margins, everything drawn around it (axis labels and the axis titles) kept inside
    /// too. ECharts 6 reads the older <c>containLabel</c> as "labels only": the y-axis title, centred on the axis, then
    /// hung off the canvas's left edge and showed as "业数".
    /// </summary>
    internal static object Grid => new { left = 16, right = 24, top = 64, bottom = 16, outerBoundsMode = "same", outerBoundsContain = "all" };

    /// <summary>The legend above the plot: ECharts 6 puts it at the bottom by default, over the rotated axis labels.</summary>
    internal static object Legend(IEnumerable<string> names) => new { data = names, top = 0 };

    /// <summary>The table behind a chart (or the full list, "entries"), for the page and for export.</summary>
    public static ExportTable? Table(DashboardData d, string name) => name switch
    {
        "district" => GradeCounts(d, "district", "区县 / district", e => e.District.Zh()),
        "industry" => GradeCounts(d, "industry", "行业 / industry", e => e.Industry),
        "histogram" => new ExportTable("histogram", ["分数段 / band", "企业数 / enterprises"],
            [.. Bands(d).Select(b => (IReadOnlyList<object?>)[b.Label, b.Count])]),
        "categories" => new ExportTable("categories", ["一级指标 / category", "平均分 / average", "满分 / max", "得分率 / share"],
            [.. d.Categories.Select(c =>
            {
                var average = Average(d, c.Id);
                return (IReadOnlyList<object?>)[c.Name, average, c.Max, c.Max == 0 ? 0m : Math.Round(average / c.Max, 4)];
            })]),
        "yoy" => d.Previous is null ? null : new ExportTable("year-on-year",
            ["等级 / grade", $"{d.Previous.Campaign.Year}", $"{d.Campaign.Year}", "变化 / change"],
            [.. Grades(d).Select(g => (IReadOnlyList<object?>)[g, Count(d.Previous, g), Count(d, g), Count(d, g) - Count(d.Previous, g)]),
             ["平均总分 / average total", AverageTotal(d.Previous), AverageTotal(d), AverageTotal(d) - AverageTotal(d.Previous)]]),
        "entries" => new ExportTable("results", ["企业 / enterprise", "信用代码 / credit code", "区县 / district", "行业 / industry", "总分 / total", "等级 / grade"],
            [.. d.Entries.Select(e => (IReadOnlyList<object?>)[e.Name, e.CreditCode, e.District.Zh(), e.Industry, e.Total, e.Grade])]),
        _ => null,
    };

    private static IEnumerable<string> Grades(DashboardData d) =>
        CampaignDashboard.Grades.Concat(d.Entries.Select(e => e.Grade).Concat(d.Previous?.Entries.Select(e => e.Grade) ?? [])
            .Where(g => !CampaignDashboard.Grades.Contains(g)).Distinct().Order(StringComparer.Ordinal));

    private static int Count(DashboardData d, string grade) => d.Entries.Count(e => e.Grade == grade);

    private static decimal AverageTotal(DashboardData d) => d.Entries.Count == 0 ? 0 : Math.Round(d.Entries.Average(e => e.Total), 2);

    private static decimal Average(DashboardData d, string category) =>
        d.Entries.Count == 0 ? 0 : Math.Round(d.Entries.Average(e => e.Categories.GetValueOrDefault(category)), 2);

    private static ExportTable GradeCounts(DashboardData d, string name, string header, Func<DashboardEntry, string> key)
    {
        var grades = Grades(d).ToList();
        return new ExportTable(name, [header, .. grades, "合计 / total"],
            [.. d.Entries.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                (IReadOnlyList<object?>)[g.Key, .. grades.Select(grade => (object?)g.Count(e => e.Grade == grade)), g.Count()])]);
    }

    private static object GradeStack(ExportTable? table, Func<string, string> t)
    {
        var grades = table!.Headers.Skip(1).SkipLast(1).ToList();
        return new
        {
            tooltip = new { trigger = "axis" },
            legend = Legend(grades),
            grid = Grid,
            xAxis = new { type = "category", data = table.Rows.Select(r => r[0]), axisLabel = new { rotate = 30 } },
            yAxis = ValueAxis(t("企业数")),
            series = grades.Select((g, i) => new
            {
                name = g, type = "bar", stack = "grade", itemStyle = new { color = Catalogue.Impact.ColourOf(g) },
                data = table.Rows.Select(r => r[i + 1]),
            }),
        };
    }

    private static List<(string Label, decimal From, int Count)> Bands(DashboardData d)
    {
        var width = d.MaxTotal <= 0 ? 50 : d.MaxTotal / 20;
        return [.. Enumerable.Range(0, 20).Select(i =>
        {
            var from = i * width;
            var to = from + width;
            var count = d.Entries.Count(e => e.Total >= from && (e.Total < to || (i == 19 && e.Total <= to)));
            return ($"{from:0.##}–{to:0.##}", from, count);
        })];
    }

    private static object Histogram(DashboardData d, Func<string, string> t)
    {
        var bands = Bands(d);
        return new
        {
            tooltip = new { trigger = "axis" },
            grid = Grid,
            xAxis = new { type = "category", data = bands.Select(b => b.Label), axisLabel = new { rotate = 45 } },
            yAxis = ValueAxis(t("企业数")),
            series = new[] { new { name = t("企业数"), type = "bar", data = bands.Select(b => b.Count), barCategoryGap = "5%" } },
        };
    }

    private static object Categories(DashboardData d, Func<string, string> t) => new
    {
        tooltip = new { trigger = "axis" },
        legend = Legend([t("平均分"), t("满分")]),
        grid = Grid,
        xAxis = new { type = "category", data = d.Categories.Select(c => Localization.LocalizationExtensions.IsEnglish ? c.NameEn : c.Name) },
        yAxis = ValueAxis(t("分")),
        series = new object[]
        {
            new { name = t("平均分"), type = "bar", data = d.Categories.Select(c => Average(d, c.Id)) },
            new { name = t("满分"), type = "bar", itemStyle = new { color = "#bcccdc" }, data = d.Categories.Select(c => c.Max) },
        },
    };

    private static object YearOnYear(DashboardData d, Func<string, string> t)
    {
        var grades = Grades(d).ToList();
        var years = d.Previous is null ? new[] { d } : [d.Previous, d];
        return new
        {
            tooltip = new { trigger = "axis" },
            legend = Legend(years.Select(y => $"{y.Campaign.Year}")),
            grid = Grid,
            xAxis = new { type = "category", data = grades },
            yAxis = ValueAxis(t("企业数")),
            series = years.Select(y => new { name = $"{y.Campaign.Year}", type = "bar", data = grades.Select(g => Count(y, g)) }),
        };
    }
}
