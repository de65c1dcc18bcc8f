using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// Issue 17 in headless Chromium: the campaign page with its five phase dates and the dashboard with every chart, the
/// y-axis title whole and the previous campaign named, each in Chinese and in English. Screenshots go to artifacts/e2e
/// (and, when the directory exists, to /work/shots/desk for the person reviewing the change).
/// </summary>
[Collection(EndToEnd.BrowserCollection.Name)]
public sealed partial class CentreDeskBrowserTests : EndToEnd.BrowserJourney
{
    private static readonly ViewportSize Wide = new() { Width = 1280, Height = 900 };

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();

    [Fact]
    public async Task CampaignPageAndDashboard_InBothLanguages()
    {
        var (earlier, _) = await SyntheticCampaign.SeedAsync(App, seed: 1701, count: 20, year: 2014, scored: true);
        var (campaign, enterprises) = await SyntheticCampaign.SeedAsync(App, seed: 1702, count: 40, year: 2017, scored: true);
        var page = await NewPageAsync(Wide);
        await SignInAsync(page, Scenario.Admin, Scenario.Password);

        foreach (var language in new[] { "zh", "en" })
        {
            if (language == "en")
                await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = App.BaseAddress.ToString() }]);
            await page.GotoAsync($"/centre/campaigns/{campaign.Id}");
            var phases = await page.Locator("#phases").InnerTextAsync();
            phases.ShouldContain(language == "zh" ? "发布日 2017-09-15" : "Publication day 2017-09-15");
            phases.ShouldNotContain("yyyy");
            await Picture(page, $"desk-campaign-{language}");
            await Picture(page, $"desk-campaign-top-{language}", fullPage: false);

            await page.GotoAsync($"/centre/dashboards/{campaign.Id}");
            await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(5);
            await page.WaitForTimeoutAsync(500); // the bars' entry animation
            var compared = await page.Locator("#year-on-year").InnerTextAsync();
            compared.ShouldContain(earlier.Name);
            compared.ShouldContain(language == "zh" ? "相隔 3 年" : "3 years apart");
            await Picture(page, $"desk-dashboard-{language}");
            if (language == "en")
            {
                var main = await page.Locator("main").InnerTextAsync();
                var left = Han().Matches(main).Select(m => m.Value).Distinct()
                    .Where(w => !earlier.Name.Contains(w, StringComparison.Ordinal) && !campaign.Name.Contains(w, StringComparison.Ordinal)
                        && !w.Contains("宁波", StringComparison.Ordinal))
                    .ToList();
                left.ShouldBeEmpty($"Chinese left on the English dashboard: {string.Join(" | ", left)}");
            }
        }
        enterprises.Count.ShouldBe(40);
        Errors.ShouldBeEmpty();
    }

    private static async Task Picture(IPage page, string name, bool fullPage = true)
    {
        if (fullPage) await Shot(page, name);
        const string shots = "/work/shots/desk";
        if (Directory.Exists(shots)) await page.ScreenshotAsync(new() { Path = Path.Combine(shots, name + ".png"), FullPage = fullPage });
    }
}
