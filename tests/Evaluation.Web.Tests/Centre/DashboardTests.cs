using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Evaluation.Web.Tests.Centre;

/// <summary>The dashboard's chart endpoints give the figures a plain count over the database gives.</summary>
public abstract class DashboardTests(AppHolder holder) : AppTests(holder)
{
    private async Task<(Guid Previous, Guid Current)> ScoredCampaignsAsync()
    {
        // One pair per app: the year-on-year chart compares the campaign with the latest earlier one at its level.
        await using (var db = App.Db())
        {
            var existing = await db.Context.Campaigns.Where(c => c.Year == 2015 || c.Year == 2016).OrderBy(c => c.Year).Select(c => c.Id).ToListAsync();
            if (existing.Count == 2) return (existing[0], existing[1]);
        }
        var previous = await SyntheticCampaign.SeedAsync(App, seed: 8001, count: 40, year: 2015, scored: true);
        var current = await SyntheticCampaign.SeedAsync(App, seed: 8002, count: 70, year: 2016, scored: true);
        return (previous.Campaign.Id, current.Campaign.Id);
    }

    private async Task<JsonElement> ChartAsync(Guid campaign, string name)
    {
        var response = await (await App.AsReviewer()).GetAsync($"/centre/dashboards/{campaign}?handler=Chart&name={name}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Grade per enterprise straight from the tables: each application's snapshot.</summary>
    private async Task<List<(District District, string Grade, decimal Total, string Json)>> SnapshotsAsync(Guid campaign)
    {
        await using var db = App.Db();
        var rows = await db.Context.ScoreCardSnapshots
            .Join(db.Context.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new { s, a })
            .Where(x => x.a.CampaignId == campaign)
            .Join(db.Context.Enterprises, x => x.a.EnterpriseId, e => e.Id, (x, e) => new { e.District, x.s.Grade, x.s.Total, x.s.ScoreCardJson })
            .ToListAsync();
        return [.. rows.Select(r => (r.District, r.Grade, r.Total, r.ScoreCardJson))];
    }

    private static Dictionary<string, int[]> Series(JsonElement option) =>
        option.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!,
            s => s.GetProperty("data").EnumerateArray().Select(d => d.GetInt32()).ToArray());

    [Fact]
    public async Task DistrictChart_CountsEachGradeInEachDistrictAsTheSnapshotsDo()
    {
        var (_, campaign) = await ScoredCampaignsAsync();
        var snapshots = await SnapshotsAsync(campaign);

        var option = await ChartAsync(campaign, "district");

        var districts = option.GetProperty("xAxis").GetProperty("data").EnumerateArray().Select(d => d.GetString()!).ToList();
        districts.Order(StringComparer.Ordinal).ShouldBe(snapshots.Select(s => s.District.Zh()).Distinct().Order(StringComparer.Ordinal));
        var series = Series(option);
        foreach (var grade in snapshots.Select(s => s.Grade).Distinct())
            for (var i = 0; i < districts.Count; i++)
                series[grade][i].ShouldBe(snapshots.Count(s => s.Grade == grade && s.District.Zh() == districts[i]), $"{grade} in {districts[i]}");
        series.Values.Sum(v => v.Sum()).ShouldBe(snapshots.Count);
    }

    [Fact]
    public async Task Histogram_AndCategoryAverages_AgreeWithTheSnapshots()
    {
        var (_, campaign) = await ScoredCampaignsAsync();
        var snapshots = await SnapshotsAsync(campaign);

        var histogram = await ChartAsync(campaign, "histogram");
        var categories = await ChartAsync(campaign, "categories");

        var bands = histogram.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        bands.Length.ShouldBe(20);
        bands.Sum().ShouldBe(snapshots.Count);
        bands[16].ShouldBe(snapshots.Count(s => s.Total >= 800 && s.Total < 850)); // 1000 points in 20 bands of 50
        var averages = categories.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDecimal()).ToArray();
        var labour = snapshots.Average(s => decimal.Parse(JsonDocument.Parse(s.Json).RootElement.GetProperty("categories").GetProperty("labour").GetString()!,
            CultureInfo.InvariantCulture));
        averages.ShouldContain(Math.Round(labour, 2));
    }

    [Fact]
    public async Task YearOnYear_ComparesGradeCountsWithThePreviousCampaign()
    {
        var (previous, campaign) = await ScoredCampaignsAsync();
        var before = await SnapshotsAsync(previous);
        var now = await SnapshotsAsync(campaign);

        var option = await ChartAsync(campaign, "yoy");

        var grades = option.GetProperty("xAxis").GetProperty("data").EnumerateArray().Select(d => d.GetString()!).ToList();
        var series = Series(option);
        for (var i = 0; i < grades.Count; i++)
        {
            series["2015"][i].ShouldBe(before.Count(s => s.Grade == grades[i]));
            series["2016"][i].ShouldBe(now.Count(s => s.Grade == grades[i]));
        }
        var csv = Encoding.UTF8.GetString(await (await App.AsReviewer()).GetByteArrayAsync(
            $"/centre/dashboards/{campaign}?handler=Export&format=csv&list=yoy"));
        csv.ShouldContain($"A,{before.Count(s => s.Grade == "A")},{now.Count(s => s.Grade == "A")},");
    }

    [Fact]
    public async Task Dashboard_OfACampaignNotScoredYet_ShowsProvisionalScores()
    {
        var (campaign, enterprises) = await SyntheticCampaign.SeedAsync(App, seed: 8003 + (int)App.Provider, count: 25, year: 2031, scored: false);

        var html = WebUtility.HtmlDecode(await (await App.AsReviewer()).GetStringAsync($"/centre/dashboards/{campaign.Id}"));
        var option = await ChartAsync(campaign.Id, "district");

        html.ShouldContain("data-source=\"Provisional\"");
        html.ShouldContain("按当前事实的暂估分（尚未评分）"); // the English is in the resources now, not beside it
        Series(option).Values.Sum(v => v.Sum()).ShouldBe(enterprises.Count);
    }

    [Fact]
    public async Task UnknownChart_IsNotFound() =>
        (await (await App.AsReviewer()).GetAsync($"/centre/dashboards/{S.CampaignId}?handler=Chart&name=pie")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
}

[Collection(PostgresCollection.Name)]
public sealed class DashboardTestsOnPostgres(PostgresServer server, AppHolder holder) : DashboardTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class DashboardTestsOnSqlite(AppHolder holder) : DashboardTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
