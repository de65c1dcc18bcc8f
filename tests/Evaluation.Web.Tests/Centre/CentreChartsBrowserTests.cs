using Microsoft.Playwright;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// In headless Chromium: a reviewer's dashboard draws all five charts from the option endpoints, and the
/// administrator uploads an edited catalogue through the form and previews its impact with the transition
/// chart. Screenshots go to artifacts/e2e. Never skipped (scripts/prereqs.sh installs Chromium).
/// </summary>
[Collection(EndToEnd.BrowserCollection.Name)]
public sealed class CentreChartsBrowserTests : EndToEnd.BrowserJourney
{
    private static readonly ViewportSize Wide = new() { Width = 1280, Height = 900 };

    [Fact]
    public async Task Dashboard_DrawsEveryChart_AndTheImpactPreviewItsTransitions()
    {
        await SyntheticCampaign.SeedAsync(App, seed: 9001, count: 30, year: 2016, scored: true);
        var (campaign, _) = await SyntheticCampaign.SeedAsync(App, seed: 9002, count: 60, year: 2017, scored: true);
        var page = await NewPageAsync(Wide);

        await SignInAsync(page, Scenario.Admin, Scenario.Password);
        await page.GotoAsync($"/centre/dashboards/{App.Scenario.CampaignId}");
        await page.Locator("select[name=campaign]").SelectOptionAsync(campaign.Id.ToString()); // the picker navigates
        await page.WaitForURLAsync($"**/centre/dashboards/{campaign.Id}");
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(5);
        await Shot(page, "centre-1-dashboard");

        var dir = CatalogueZip.EditedCopy("2018.8", text => text.ReplaceOnce("  - id: grade_b_min\n    value: 800\n", "  - id: grade_b_min\n    value: 750\n"));
        await page.GotoAsync("/centre/catalogues");
        await page.Locator("input[name=archive]").SetInputFilesAsync(new FilePayload
        {
            Name = "ningbo-2018.8.zip", MimeType = "application/zip", Buffer = CatalogueZip.Zip(dir),
        });
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("ningbo-harmonious-enterprise@2018.8");
        await page.Locator(".notice a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/centre/catalogues/impact", StringComparison.Ordinal));
        await page.Locator("select[name=campaign]").SelectOptionAsync(campaign.Id.ToString());
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"campaign={campaign.Id}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(1);
        (await page.Locator("#impact-changed tbody tr").CountAsync()).ShouldBe(int.Parse(await page.Locator("[data-changed]").InnerTextAsync()));
        await Shot(page, "centre-2-impact");
        Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Administrator_CreatesACampaign_AfterFixingWhatTheFormNamed()
    {
        var page = await NewPageAsync(Wide);
        await SignInAsync(page, Scenario.Admin, Scenario.Password);

        await page.GotoAsync("/centre/campaigns");
        await page.Locator("a.button").ClickAsync();
        await page.FillAsync("#Input_Name", "2021年度北仑区和谐企业评价");
        await page.FillAsync("#Input_Year", "2021");
        await page.Locator("#Input_Level").SelectOptionAsync("County");
        await page.Locator("#Input_District").SelectOptionAsync("Beilun");
        await page.FillAsync("#Input_Overrides_0__Parameter", "grade_b_min");
        await page.FillAsync("#Input_Overrides_0__Value", "700");
        await page.FillAsync("#Input_SelfAssessmentFrom", "2021-03-01");
        await page.FillAsync("#Input_DepartmentDataFrom", "2021-05-01");
        await page.FillAsync("#Input_ReviewFrom", "2021-04-01"); // before department data
        await page.FillAsync("#Input_PublicNoticeFrom", "2021-09-01");
        await page.FillAsync("#Input_PublishOn", "2021-09-15");
        await page.Locator("main form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#campaign-errors li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#campaign-errors [data-field='ReviewFrom']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#campaign-errors [data-field='Overrides[0].Basis']")).ToBeVisibleAsync();
        await Shot(page, "centre-3-campaign-errors");
        await page.FillAsync("#Input_ReviewFrom", "2021-07-01");
        await page.FillAsync("#Input_Overrides_0__Basis", "县级创建达标线700分");
        await page.Locator("main form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("2021年度北仑区和谐企业评价");
        await Assertions.Expect(page.Locator("#campaigns")).ToContainTextAsync("北仑区");
        Errors.ShouldBeEmpty();
    }
}
