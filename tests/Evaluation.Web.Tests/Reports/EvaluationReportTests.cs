using System.Diagnostics;
using System.Xml.Linq;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Reports;
using Evaluation.Web.Tests.Centre;

namespace Evaluation.Web.Tests.Reports;

/// <summary>
/// The evaluation report of a scored application: the PDF read back with poppler's pdftotext (scripts/prereqs.sh installs
/// poppler-utils), its charts as SVG, who may read it, and the links to it from both application pages.
/// </summary>
public sealed class EvaluationReportTests(EvaluationReportTests.Arranged arranged) : IClassFixture<EvaluationReportTests.Arranged>
{
    /// <summary>
    /// One app; the scenario's campaign with enterprise A's application accepted and scored beside two peers of its
    /// industry variant (so there is an industry average). Enterprise B's application stays a draft: no report yet.
    /// </summary>
    public sealed class Arranged : IAsyncLifetime
    {
        public EvaluationApp App { get; private set; } = null!;
        public Guid Campaign => App.Scenario.CampaignId;
        internal List<CentreCase> Peers { get; } = [];

        public async Task InitializeAsync()
        {
            App = await EvaluationApp.StartSqliteAsync();
            for (var i = 0; i < 2; i++) Peers.Add(await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, Campaign, industryCode: "C1711"));
            await using (var db = App.Db())
            {
                var now = TestClock.Start.UtcDateTime;
                var a = await db.Context.Applications.SingleAsync(x => x.Id == App.Scenario.ApplicationAId);
                a.Submit(now);
                a.StartReview();
                a.Accept(now);
                foreach (var (input, value) in new[] { ("contracts_signed", "410"), ("social_insurance_insured", "400") })
                    db.Context.Facts.Add(new Features.Facts.Fact(Guid.NewGuid(), Campaign, App.Scenario.EnterpriseAId, input,
                        Features.Facts.FactValue.From(value), Features.Facts.FactOrigin.Enterprise, null, null, "arrange", now));
                await db.Context.Because("test arrange").SaveChangesAsync();
            }
            await CentreRuns.ScoreAsync(App, Campaign);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private EvaluationApp App => arranged.App;
    private Guid Target => App.Scenario.ApplicationAId;

    private Rules.Model.Catalogue Catalogue() =>
        App.Services.GetRequiredService<CatalogueLibrary>().Get("ningbo-harmonious-enterprise", "2018.1").ForIndustry("C1711");

    [Fact]
    public async Task Pdf_InChinese_NamesTheEnterpriseItsGradeAndEveryCategory_WithTheFactsHashAndNoRuleCode()
    {
        var response = await (await App.AsReviewer()).GetAsync($"/reports/applications/{Target}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = Squeeze(PdfText(pdf, "zh"));
        Features.Scoring.ScoreCardSnapshot snapshot;
        await using (var db = App.Db())
            snapshot = await db.Context.ScoreCardSnapshots.SingleAsync(s => s.ApplicationId == Target);

        text.ShouldContain("和谐企业评价报告");
        text.ShouldContain("宁波甲纺织有限公司");
        text.ShouldContain($"等级{snapshot.Grade}");
        text.ShouldContain(snapshot.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        text.ShouldContain(snapshot.FactsHash);
        var catalogue = Catalogue();
        foreach (var category in catalogue.Categories) text.ShouldContain(Squeeze(category.Name.Zh));
        foreach (var indicator in catalogue.Categories.SelectMany(c => c.Indicators)) text.ShouldContain(indicator.Id + Squeeze(indicator.Name.Zh));
        text.ShouldContain("提升建议");
        text.ShouldContain("行业平均");
        // The explanation is words: no input id (snake_case, as the rules read them) and no FEEL comparison leaks.
        foreach (var input in catalogue.Inputs.Where(i => i.Id.Contains('_', StringComparison.Ordinal))) text.ShouldNotContain(input.Id);
        text.ShouldNotContain(">=");
        text.ShouldContain("劳动合同签订率=");
    }

    [Fact]
    public async Task Pdf_FollowsThePageLanguage_English()
    {
        var client = await App.AsEnterprise(Scenario.EnterpriseA);
        (await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await client.GetAsync($"/reports/applications/{Target}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain("-en.pdf");
        var text = PdfText(await response.Content.ReadAsByteArrayAsync(), "en");
        text.ShouldContain("Harmonious Enterprise Evaluation Report");
        foreach (var category in Catalogue().Categories) Squeeze(text).ShouldContain(Squeeze(category.Name.En));
        text.ShouldContain("Improvement plan");
        text.ShouldNotContain("提升建议");
    }

    [Theory]
    [InlineData("radar", "ellipse")]
    [InlineData("bars", "rect")]
    public async Task Svg_HoldsOnePointOfTheEnterprisePerCategory(string chart, string element)
    {
        var response = await (await App.AsReviewer()).GetAsync($"/reports/applications/{Target}/{chart}.svg");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var content = await response.Content.ReadAsStringAsync();
        File.WriteAllText(Path.Combine(Output(), $"{chart}.svg"), content);
        var svg = XDocument.Parse(content);
        var categories = Catalogue().Categories;
        // One mark per category, and the series' key in the legend.
        OursCount(svg, element).ShouldBe(categories.Length + 1);
        PeersCount(svg, element).ShouldBe(categories.Length + 1); // the industry average likewise
        var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var category in categories) text.ShouldContain(category.Name.Zh);
    }

    [Fact]
    public async Task DashboardChart_DownloadsAsSvg_ForTheCentreOnly()
    {
        var reviewer = await App.AsReviewer();
        var response = await reviewer.GetAsync($"/centre/dashboards/{arranged.Campaign}/charts/categories.svg");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var content = await response.Content.ReadAsStringAsync();
        File.WriteAllText(Path.Combine(Output(), "dashboard-categories.svg"), content);
        var svg = XDocument.Parse(content);
        OursCount(svg, "rect").ShouldBe(Catalogue().Categories.Length + 1); // the average bar of each category, and its key
        foreach (var chart in new[] { "district", "industry", "histogram" })
            XDocument.Parse(await reviewer.GetStringAsync($"/centre/dashboards/{arranged.Campaign}/charts/{chart}.svg")).Root!.Name.LocalName.ShouldBe("svg");
        (await reviewer.GetAsync($"/centre/dashboards/{arranged.Campaign}/charts/yoy.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // no earlier campaign
        (await reviewer.GetAsync($"/centre/dashboards/{arranged.Campaign}/charts/nonsense.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.AsEnterprise(Scenario.EnterpriseA)).GetAsync($"/centre/dashboards/{arranged.Campaign}/charts/categories.svg"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.GetStringAsync($"/centre/dashboards/{arranged.Campaign}")).ShouldContain($"/centre/dashboards/{arranged.Campaign}/charts/categories.svg");
    }

    [Fact]
    public async Task Access_OwnEnterpriseAndCentre_OthersRefused()
    {
        var url = $"/reports/applications/{Target}";
        (await (await App.AsEnterprise(Scenario.EnterpriseA)).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await App.AsAdmin()).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await App.AsEnterprise(Scenario.EnterpriseB)).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.AsEnterprise(Scenario.EnterpriseB)).GetAsync(url + "/radar.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.AsDepartment("hrss")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // An application with no scoring yet has no report.
        (await (await App.AsReviewer()).GetAsync($"/reports/applications/{App.Scenario.ApplicationBId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BothApplicationPages_LinkToTheReport()
    {
        var url = $"/reports/applications/{Target}";
        (await (await App.AsEnterprise(Scenario.EnterpriseA)).GetStringAsync($"/enterprise/applications/{Target}")).ShouldContain(url);
        (await (await App.AsReviewer()).GetStringAsync($"/review/applications/{Target}")).ShouldContain(url);
        // Not before there is a result to report.
        (await (await App.AsReviewer()).GetStringAsync($"/review/applications/{App.Scenario.ApplicationBId}")).ShouldNotContain("/reports/applications/");
    }

    [Fact]
    public async Task AfterAFactChanged_ThePointsStayTheSnapshots_AndTheExplanationWaitsForTheNextScoring()
    {
        var peer = arranged.Peers[1];
        await using (var db = App.Db())
        {
            db.Context.Facts.Add(new Features.Facts.Fact(Guid.NewGuid(), arranged.Campaign, peer.EnterpriseId, "employees",
                Features.Facts.FactValue.From("401"), Features.Facts.FactOrigin.Enterprise, null, null, "arrange", TestClock.Start.UtcDateTime.AddMinutes(1)));
            foreach (var old in await db.Context.Facts.Where(f => f.EnterpriseId == peer.EnterpriseId && f.InputId == "employees"
                && f.SupersededById == null).ToListAsync())
                old.SupersedeWith(db.Context.Facts.Local.Single(f => f.EnterpriseId == peer.EnterpriseId && f.ValueText == "401"));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var text = Squeeze(PdfText(await (await App.AsReviewer()).GetByteArrayAsync($"/reports/applications/{peer.ApplicationId}"), "changed"));
        text.ShouldContain("评分后事实已有变更");
        text.ShouldContain("下次评分后提供");
    }

    private static int OursCount(XDocument svg, string element) => Filled(svg, element, ReportCharts.Ours);

    private static int PeersCount(XDocument svg, string element) => Filled(svg, element, ReportCharts.Peers);

    private static int Filled(XDocument svg, string element, OxyPlot.OxyColor colour)
    {
        // OxyPlot's SVG writer gives colours in a style attribute, as rgb(r,g,b); a hex fill attribute counts too.
        string[] forms = [$"#{colour.R:x2}{colour.G:x2}{colour.B:x2}", $"rgb({colour.R},{colour.G},{colour.B})"];
        return svg.Descendants().Count(e => e.Name.LocalName == element && forms.Any(form =>
            ((string?)e.Attribute("fill") + ";" + (string?)e.Attribute("style")).Replace(" ", "", StringComparison.Ordinal)
                .Contains("fill:" + form, StringComparison.OrdinalIgnoreCase) || string.Equals((string?)e.Attribute("fill"), form, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The PDF's text by poppler's pdftotext; the PDF and page 1 as PNG stay in the test output for a look.</summary>
    private static string PdfText(byte[] pdf, string name)
    {
        var file = Path.Combine(Output(), $"evaluation-report-{name}.pdf");
        File.WriteAllBytes(file, pdf);
        Run("pdftoppm", $"-r 80 -png -f 1 -l 2 \"{file}\" \"{Path.ChangeExtension(file, null)}\"");
        return Run("pdftotext", $"-enc UTF-8 \"{file}\" -");
    }

    private static string Output() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "reports")).FullName;

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start: install poppler-utils (scripts/prereqs.sh)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {arguments}: {error.Result}");
        return output.Result;
    }
}
