using Evaluation.Web.Persistence;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// A new enterprise, in headless Chromium, from registration to submission: apply, fill the generated form,
/// upload evidence, watch the provisional score move, save, submit. Screenshots go to artifacts/e2e. Never skipped: when
/// Chromium cannot start the test fails with the reason (scripts/prereqs.sh installs it).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SelfAssessmentJourneyTests : BrowserJourney
{
    protected override Task ArrangeAsync(EvaluationApp app) => OpenCampaignAsync(app);

    [Fact]
    public async Task NewEnterprise_RegistersAppliesFillsUploadsWatchesTheScoreAndSubmits()
    {
        var page = await NewPageAsync(new() { Width = 390, Height = 844 });

        await RegisterAsync(page);
        await ConfirmAndSignInAgainAsync(page);
        await page.GotoAsync("/enterprise/apply");
        (await page.Locator(".variant").InnerTextAsync()).ShouldBe("纺织服装");
        await Shot(page, "1-apply");
        await page.Locator("button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync("**/self-assessment");

        await Assertions.Expect(page.Locator("#radar canvas")).ToHaveCountAsync(1); // ECharts drew the radar
        var before = await page.Locator("[data-total]").InnerTextAsync();
        await page.FillAsync("#f\\.employees", "400");
        await page.FillAsync("#f\\.contracts_signed", "398");
        await page.FillAsync("#f\\.revenue", "52000");
        await page.FillAsync("#f\\.revenue_prev", "48000");
        await Assertions.Expect(page.Locator("[data-total]")).Not.ToHaveTextAsync(before, new() { Timeout = 30_000 });
        await Shot(page, "2-score-moved");
        await page.Locator(".score").ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "2-score-panel.png") });

        await page.Locator("#self-assessment button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("草稿已保存");
        await page.Locator("#evidence select[name=indicatorId]").SelectOptionAsync("L1");
        await page.Locator("#evidence input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "劳动合同抽查.png", MimeType = "image/png",
            Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        });
        await page.Locator("#evidence button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".evidence-list")).ToContainTextAsync("劳动合同抽查.png");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("#submit-application").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("self-assessment", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("已提交");
        await Shot(page, "3-submitted");
        Errors.ShouldBeEmpty();
    }

    private static async Task RegisterAsync(IPage page)
    {
        const string first17 = "91330203MA2E2E001";
        await page.GotoAsync("/account/register");
        await page.FillAsync("#Input_CreditCode", first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
        await page.FillAsync("#Input_Name", "宁波端到端纺织有限公司");
        await page.FillAsync("#Input_IndustryCode", "C1711");
        await page.FillAsync("#Input_UserName", "e2e-enterprise");
        await page.FillAsync("#Input_Password", Scenario.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/account/registration");
    }

    /// <summary>The centre confirms the registration (issue 15, item 6); the registrant signs in again to reach the enterprise.</summary>
    private async Task ConfirmAndSignInAgainAsync(IPage page)
    {
        await using (var scope = App.Db())
        {
            var registration = await scope.Context.Set<Features.Accounts.EnterpriseRegistration>().SingleAsync(r => r.CreditCode.StartsWith("91330203MA2E2E001"));
            (await scope.Services.GetRequiredService<Features.Accounts.Registrations>().ConfirmAsync(registration.Id, CancellationToken.None)).ShouldBeNull();
        }
        await SignInAsync(page, "e2e-enterprise", Scenario.Password);
    }

    private static async Task OpenCampaignAsync(EvaluationApp app)
    {
        await using var db = app.Db();
        db.Context.Campaigns.Add(new Campaign(Guid.NewGuid(), 2019, "2019年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", new CampaignPhases(new DateOnly(2018, 6, 1), new DateOnly(2018, 8, 1),
                new DateOnly(2018, 9, 1), new DateOnly(2018, 10, 1), new DateOnly(2018, 10, 15))));
        await db.Context.Because("test arrange").SaveChangesAsync();
    }
}
