using System.Text.Json;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Dashboards;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.Shared;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// Issue 17, items 3, 7 and 9 on the centre's pages: phase dates, lost form values, the dashboard's axis, comparison and
/// scored count, the token page's link and labels, the queue's drafts, the reviewer's "设定" message and times shown in
/// Beijing time; each in Chinese and in English where it has words.
/// </summary>
public abstract partial class CentreDeskTests(AppHolder holder) : AppTests(holder)
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();

    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    private static async Task<HttpClient> InEnglish(HttpClient client)
    {
        (await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>The inner text of the first element with this id (tags removed, entities decoded).</summary>
    private static string TextOf(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"no #{id}");
        var from = html.IndexOf('>', start) + 1;
        var tag = html[..start].LastIndexOf('<');
        var name = Regex.Match(html[(tag + 1)..], "^[a-z0-9]+").Value;
        var end = html.IndexOf($"</{name}>", from, StringComparison.Ordinal);
        return Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html[from..end], "<[^>]+>", " ")), @"\s+", " ").Trim();
    }

    [Fact]
    public async Task CampaignPage_ShowsEveryPhaseDate_InChineseAndInEnglish()
    {
        var chinese = await (await App.AsReviewer()).GetStringAsync($"/centre/campaigns/{S.CampaignId}");
        var english = await (await InEnglish(await App.AsReviewer())).GetStringAsync($"/centre/campaigns/{S.CampaignId}");

        chinese.ShouldNotContain(":yyyy-MM-dd");
        var zh = TextOf(chinese, "phases");
        foreach (var (label, day) in new[] { ("企业自评", "2018-03-01"), ("部门数据", "2018-05-01"), ("评审", "2018-07-01"), ("公示", "2018-09-01"), ("发布日", "2018-09-15") })
            zh.ShouldContain($"{label} {day}");
        var en = TextOf(english, "phases");
        foreach (var (label, day) in new[] { ("Self-assessment", "2018-03-01"), ("Department data", "2018-05-01"), ("Review", "2018-07-01"), ("Public notice", "2018-09-01"), ("Publication day", "2018-09-15") })
            en.ShouldContain($"{label} {day}");
        Han().IsMatch(en).ShouldBeFalse(en);
        // The whole English page: no Chinese but the campaign's and enterprises' own names.
        var main = english[english.IndexOf("<main>", StringComparison.Ordinal)..english.IndexOf("</main>", StringComparison.Ordinal)];
        var text = Regex.Replace(main, "<[^>]+>", " ");
        var left = Han().Matches(WebUtility.HtmlDecode(text)).Select(m => m.Value).Distinct()
            .Where(w => !"2018年度宁波市和谐企业评价 宁波甲纺织有限公司 宁波乙模具有限公司 中心测试企业 号".Contains(w, StringComparison.Ordinal)).ToList();
        left.ShouldBeEmpty(string.Join(" | ", left));
    }

    [Fact]
    public async Task CampaignPage_NamesItsParameterOverrides_AndTheFormRefusesInThePagesLanguage()
    {
        var admin = await App.AsAdmin();
        var name = $"参数名称测试 {Guid.NewGuid():N}"[..20];
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Year"] = "2019", ["Input.Level"] = "Municipal", ["Input.District"] = "",
            ["Input.Catalogue"] = "ningbo-harmonious-enterprise@2018.1",
            ["Input.Overrides[0].Parameter"] = "city_avg_wage", ["Input.Overrides[0].Value"] = "86500", ["Input.Overrides[0].Basis"] = "2018年宁波市统计公报",
            ["Input.SelfAssessmentFrom"] = "2019-03-01", ["Input.DepartmentDataFrom"] = "2019-05-01", ["Input.ReviewFrom"] = "2019-07-01",
            ["Input.PublicNoticeFrom"] = "2019-09-01", ["Input.PublishOn"] = "2019-09-15",
        };
        var english = await InEnglish(await App.AsAdmin());
        var refused = await english.PostFormAsync("/centre/campaigns/new", new(form) { ["Input.Year"] = "1999", ["Input.Overrides[0].Value"] = "many" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = TextOf(await refused.Content.ReadAsStringAsync(), "campaign-errors");
        errors.ShouldContain("Year: between 2000 and 2100.");
        errors.ShouldContain("Parameter Previous-year city average wage (yuan/year)（city_avg_wage）: the value must be a number.");
        Han().IsMatch(errors).ShouldBeFalse(errors);
        var formPage = await english.GetStringAsync("/centre/campaigns/new");
        var main = Regex.Replace(formPage[formPage.IndexOf("<main>", StringComparison.Ordinal)..formPage.IndexOf("</main>", StringComparison.Ordinal)], "<[^>]+>", " ");
        // The new-campaign form itself is English; only the catalogues' own titles (data, one language) stay Chinese.
        Han().Matches(WebUtility.HtmlDecode(main)).Select(m => m.Value).Where(w => !w.EndsWith("指标体系", StringComparison.Ordinal)).ShouldBeEmpty();

        (await admin.PostFormAsync("/centre/campaigns/new", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Guid id;
        await using (var db = App.Db()) id = (await db.Context.Campaigns.SingleAsync(c => c.Name == name)).Id;
        var zh = TextOf(await admin.GetStringAsync($"/centre/campaigns/{id}"), "overrides");
        zh.ShouldContain("上年度全市职工平均工资（元/年）");
        zh.ShouldContain("city_avg_wage"); // in its own code column
        TextOf(await english.GetStringAsync($"/centre/campaigns/{id}"), "overrides").ShouldContain("Previous-year city average wage (yuan/year)");
    }

    [Fact]
    public async Task PublicationForms_AfterARefusal_ShowWhatWasPostedAgain()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        await CentreRuns.ScoreAsync(App, campaign);
        var reviewer = await App.AsReviewer();
        DateOnly today;
        await using (var scope = App.Db()) today = scope.Services.GetRequiredService<Features.Publication.Publishing>().Today;
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var backwards = await reviewer.PostFormAsync("/review/publication?handler=Notice",
            new() { ["campaignId"] = campaign.ToString(), ["from"] = Day(10), ["to"] = Day(3) }, "/review/publication");

        backwards.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await backwards.Content.ReadAsStringAsync();
        html.ShouldContain("公示截止日期不能早于开始日期");
        html.ShouldContain($"name=\"from\" value=\"{Day(10)}\"");
        html.ShouldContain($"name=\"to\" value=\"{Day(3)}\"");

        (await reviewer.PostFormAsync("/review/publication?handler=Notice",
            new() { ["campaignId"] = campaign.ToString(), ["from"] = Day(0), ["to"] = Day(6) }, "/review/publication")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var tooEarly = await reviewer.PostFormAsync("/review/publication?handler=Publish",
            new() { ["campaignId"] = campaign.ToString(), ["validityYears"] = "4" }, "/review/publication");

        tooEarly.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refusal = await tooEarly.Content.ReadAsStringAsync();
        var section = refusal[refusal.IndexOf($"data-campaign=\"{campaign}\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        section.ShouldContain("name=\"validityYears\" min=\"1\" max=\"5\" value=\"4\"");
        // Another campaign's form keeps its default.
        (await reviewer.GetStringAsync("/review/publication")).ShouldNotContain("value=\"4\"");
    }

    [Fact]
    public async Task Dashboard_CountsOnlyCentreScoredSnapshots_NotOneFrozenOnSubmission()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var scored = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        await CentreRuns.ScoreAsync(App, campaign);
        var submitted = await CentreCase.CreateAsync(App, ApplicationStatus.Submitted, campaign);
        await using (var scope = App.Db())
        {
            // What submission leaves: a snapshot of the enterprise's own figures (SelfAssessments.SubmitAsync), not a score.
            var db = scope.Context;
            var scorer = scope.Services.GetRequiredService<Scorer>();
            var application = await db.Applications.SingleAsync(a => a.Id == submitted.ApplicationId);
            var c = await db.Campaigns.SingleAsync(x => x.Id == campaign);
            var enterprise = await db.Enterprises.SingleAsync(e => e.Id == submitted.EnterpriseId);
            var facts = await db.Facts.Where(f => f.CampaignId == campaign && f.EnterpriseId == enterprise.Id).ToListAsync();
            db.ScoreCardSnapshots.Add(scorer.Freeze(application, scorer.Score(c, enterprise, facts)));
            await db.Because("test arrange").SaveChangesAsync();
        }

        DashboardData data;
        await using (var scope = App.Db())
            data = (await scope.Services.GetRequiredService<CampaignDashboard>().LoadAsync(campaign, CancellationToken.None))!;

        data.Source.ShouldBe(DashboardSource.Snapshots);
        data.Entries.Select(e => e.EnterpriseId).ShouldBe([scored.EnterpriseId]);
    }

    [Fact]
    public async Task Dashboard_NamesThePreviousCampaignItComparesWith_AndKeepsTheAxisTitleOnTheCanvas()
    {
        Guid earlier = Guid.NewGuid(), later = Guid.NewGuid();
        await using (var scope = App.Db())
        {
            scope.Context.Campaigns.Add(new Campaign(earlier, 2012, "2012年度象山县和谐企业评价", CampaignLevel.County, District.Xiangshan,
                "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2012)));
            scope.Context.Campaigns.Add(new Campaign(later, 2016, "2016年度象山县和谐企业评价", CampaignLevel.County, District.Xiangshan,
                "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2016)));
            await scope.Context.Because("test arrange").SaveChangesAsync();
        }
        var reviewer = await App.AsReviewer();
        var english = await InEnglish(await App.AsReviewer());

        var zh = await reviewer.GetStringAsync($"/centre/dashboards/{later}");
        var compared = TextOf(zh, "year-on-year");
        compared.ShouldContain("2012年度象山县和谐企业评价（2012年度）→ 本届 2016年度象山县和谐企业评价（2016年度）");
        compared.ShouldContain("相隔 4 年");
        var en = TextOf(await english.GetStringAsync($"/centre/dashboards/{later}"), "year-on-year");
        en.ShouldContain("Compared with the previous campaign");
        en.ShouldContain("4 years apart");

        using var option = JsonDocument.Parse(await english.GetStringAsync($"/centre/dashboards/{later}?handler=Chart&name=district"));
        var grid = option.RootElement.GetProperty("grid");
        grid.TryGetProperty("containLabel", out _).ShouldBeFalse(); // ECharts 6: labels only, the axis title hung off the canvas
        grid.GetProperty("outerBoundsContain").GetString().ShouldBe("all");
        grid.GetProperty("outerBoundsMode").GetString().ShouldBe("same");
        option.RootElement.GetProperty("yAxis").GetProperty("name").GetString().ShouldBe("Enterprises");
        option.RootElement.GetProperty("legend").GetProperty("top").GetInt32().ShouldBe(0); // ECharts 6's default is the bottom, over the labels
        using var chinese = JsonDocument.Parse(await reviewer.GetStringAsync($"/centre/dashboards/{later}?handler=Chart&name=histogram"));
        chinese.RootElement.GetProperty("yAxis").GetProperty("name").GetString().ShouldBe("企业数");
    }

    [Fact]
    public async Task ScoringRun_StatusIsShownInThePagesLanguage()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        await CentreRuns.ScoreAsync(App, campaign);
        Guid run;
        await using (var db = App.Db()) run = (await db.Context.ScoringRuns.SingleAsync(r => r.CampaignId == campaign)).Id;
        var reviewer = await App.AsReviewer();
        var english = await InEnglish(await App.AsReviewer());

        using (var zh = JsonDocument.Parse(await reviewer.GetStringAsync($"/review/scoring/runs/{run}?handler=Progress")))
            (zh.RootElement.GetProperty("status").GetString(), zh.RootElement.GetProperty("statusLabel").GetString()).ShouldBe(("Completed", "已完成"));
        using (var en = JsonDocument.Parse(await english.GetStringAsync($"/review/scoring/runs/{run}?handler=Progress")))
            en.RootElement.GetProperty("statusLabel").GetString().ShouldBe("Completed");
        var page = await reviewer.GetStringAsync($"/review/scoring/runs/{run}");
        page.ShouldContain("<strong data-field=\"status\" data-status=\"Completed\">已完成</strong>");
        (await reviewer.GetStringAsync("/review/scoring")).ShouldContain("data-status=\"Completed\">已完成</td>");
    }

    [Fact]
    public async Task DepartmentTokenPage_IsInTheAdministratorsMenu_AndNamesDepartments()
    {
        var admin = await App.AsAdmin();
        (await admin.GetStringAsync("/admin/accounts")).ShouldContain("<a href=\"/admin/department-tokens\">部门接口令牌</a>");
        (await admin.GetStringAsync("/admin/accounts")).ShouldContain("<a href=\"/admin/subscriptions\">");
        (await (await App.AsReviewer()).GetStringAsync("/review")).ShouldNotContain("/admin/department-tokens");
        (await admin.PostFormAsync("/admin/department-tokens?handler=Issue", new() { ["departmentId"] = "hrss", ["name"] = "人社业务系统" },
            "/admin/department-tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var zh = await admin.GetStringAsync("/admin/department-tokens");
        zh.ShouldContain("<option value=\"hrss\">人社局</option>");
        TextOf(zh, "tokens").ShouldContain("人社局");
        TextOf(zh, "tokens").ShouldNotContain("hrss");
        TextOf(zh, "tokens").ShouldContain("北京时间");

        var en = await (await InEnglish(admin)).GetStringAsync("/admin/department-tokens");
        en.ShouldContain("<h1>Department API tokens</h1>");
        var table = TextOf(en, "tokens");
        table.ShouldContain("Issued at");
        table.ShouldContain("(UTC+8)");
        // Only the token's own name and the issuing administrator's ("管理员" in the test data) stay Chinese.
        Han().Matches(table).Select(m => m.Value).Distinct().Where(w => w != "管理员").ShouldBe(["人社业务系统"]);
    }

    [Fact]
    public async Task ReviewQueue_SaysHowManyDraftsItLeavesOut()
    {
        await CentreCase.CreateAsync(App, ApplicationStatus.Draft, district: District.Fenghua, industryCode: "C2811");
        await CentreCase.CreateAsync(App, ApplicationStatus.Submitted, district: District.Fenghua, industryCode: "C2811");
        var reviewer = await App.AsReviewer();

        var html = await reviewer.GetStringAsync("/review?district=Fenghua&industry=C2811");

        html.ShouldContain("data-total=\"1\" data-drafts=\"1\"");
        TextOf(html, "queue-total").ShouldContain("（不含企业尚未提交的草稿");
        html.ShouldContain("href=\"/review?district=Fenghua&amp;industry=C2811&amp;status=Draft&amp;p=1\"");
        var drafts = await reviewer.GetStringAsync("/review?district=Fenghua&industry=C2811&status=Draft");
        drafts.ShouldContain("data-total=\"1\" data-drafts=\"\"");
        TextOf(await (await InEnglish(reviewer)).GetStringAsync("/review?district=Fenghua&industry=C2811"), "queue-total")
            .ShouldContain("not counting the drafts enterprises have not submitted");
    }

    [Fact]
    public async Task SettingALevel_SaysWhatWasSet_AndTheHistoryIsInBeijingTime()
    {
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();
        var url = $"/review/applications/{c.ApplicationId}";
        async Task<HttpResponseMessage> Set(string value) => await reviewer.PostFormAsync($"{url}?handler=Set", new()
        {
            ["version"] = VersionField().Match(await reviewer.GetStringAsync(url)).Groups[1].Value, ["inputId"] = "governance_level", ["value"] = value,
        }, url);

        (await Set("good")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await reviewer.GetStringAsync(url);
        TextOf(page, "done").ShouldContain("已设定 企业治理评价：good。");
        (await reviewer.GetStringAsync(url)).ShouldNotContain("id=\"done\""); // shown once
        (await Set("excellent")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TextOf(await reviewer.GetStringAsync(url), "done").ShouldContain("已设定 企业治理评价：excellent（原为 good）。");

        Features.Audit.AuditEntry first;
        await using (var db = App.Db())
            first = await db.Context.AuditEntries.Where(e => e.EntityType == "Application" && e.EntityId == c.ApplicationId.ToString())
                .OrderBy(e => e.At).FirstAsync();
        var local = first.At.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        page = await reviewer.GetStringAsync(url);
        page.ShouldContain($"<time datetime=\"{first.At:yyyy-MM-ddTHH:mm:ss}Z\">{local} 北京时间</time>");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CentreDeskTestsOnPostgres(PostgresServer server, AppHolder holder) : CentreDeskTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class CentreDeskTestsOnSqlite(AppHolder holder) : CentreDeskTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

/// <summary>The one helper every page prints a stored moment through.</summary>
public sealed class NingboTimeTests
{
    [Theory]
    [InlineData("2026-12-04T08:05:00Z", "2026-12-04 16:05")]
    [InlineData("2026-11-22T16:30:00Z", "2026-11-23 00:30")] // after midnight in Ningbo, still the 22nd in UTC
    public void Text_IsBeijingTimeWithItsZone(string utc, string shown)
    {
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("zh-CN");
            NingboTime.Text(at).ShouldBe($"{shown} 北京时间");
            System.Globalization.CultureInfo.CurrentUICulture = new("en");
            NingboTime.Text(at).ShouldBe($"{shown} (UTC+8)");
            NingboTime.Invariant(at).ShouldBe($"{shown} (UTC+8)");
            NingboTime.NingboDate(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(shown[..10]);
            // A value read back from SQLite has no kind: it is still the stored UTC moment.
            NingboTime.Text(DateTime.SpecifyKind(at, DateTimeKind.Unspecified)).ShouldBe($"{shown} (UTC+8)");
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void Html_CarriesTheUtcMomentInItsDatetimeAttribute()
    {
        using var writer = new StringWriter();
        NingboTime.Html(new DateTime(2026, 12, 4, 8, 5, 0, DateTimeKind.Utc)).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        writer.ToString().ShouldStartWith("<time datetime=\"2026-12-04T08:05:00Z\">2026-12-04 16:05 ");
        NingboTime.Text(null).ShouldBe("—");
    }
}
