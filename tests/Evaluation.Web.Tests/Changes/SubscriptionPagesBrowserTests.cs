using System.Text.RegularExpressions;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Publication;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// In headless Chromium, as the centre administrator: a department's pending subscription is approved (after the
/// confirmation), its failed first delivery shows in the delivery log with a human reason, and both pages read in
/// Chinese and, switched in the header, entirely in English. Screenshots go to artifacts/e2e.
/// </summary>
[Collection(EndToEnd.BrowserCollection.Name)]
public sealed partial class SubscriptionPagesBrowserTests : EndToEnd.BrowserJourney
{
    private static readonly ViewportSize Wide = new() { Width = 1280, Height = 900 };

    [Fact]
    public async Task Administrator_ApprovesASubscription_AndReadsItsDeliveryLogInBothLanguages()
    {
        await using var receiver = new WebhookReceiver(); // never started: the first delivery fails
        await using (var db = App.Db())
        {
            var secret = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(
                App.Services.GetRequiredService<ChangeDispatcher>().Secrets, "whsec_browser");
            db.Context.Add(new WebhookSubscription(Guid.NewGuid(), "hrss", receiver.Url, Enum.GetValues<ChangeKind>(), secret, 0, "api:hrss:test",
                TestClock.Start.UtcDateTime));
            db.Context.Ratings.Add(new Rating(Guid.NewGuid(), App.Scenario.EnterpriseAId, App.Scenario.CampaignId, null, Grade.A,
                new DateOnly(2018, 6, 15), new DateOnly(2021, 6, 14), TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var page = await NewPageAsync(Wide);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInAsync(page, Scenario.Admin, Scenario.Password);

        await page.GotoAsync("/admin/subscriptions");
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("待批准");
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("人社局");
        await Shot(page, "subscriptions-1-pending-zh");
        await page.Locator("main form[action*=Approve] button").ClickAsync();
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("推送中");
        await App.Services.GetRequiredService<ChangeDispatcher>().RunOnceAsync(CancellationToken.None);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("连续失败 1 次");

        await page.Locator("main a[href^='/admin/subscriptions/']").ClickAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToContainTextAsync("失败");
        await Assertions.Expect(page.Locator("main table tbody tr")).ToContainTextAsync("发布");
        await Shot(page, "subscriptions-2-log-zh");

        await page.Locator("header form button.link[lang=en]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Webhook delivery log");
        var english = await page.Locator("main").InnerTextAsync();
        Han().IsMatch(english).ShouldBeFalse($"Chinese left on the English page: {english}");
        english.ShouldContain("Published");
        await Shot(page, "subscriptions-3-log-en");
        await page.GotoAsync("/admin/subscriptions");
        var list = await page.Locator("main").InnerTextAsync();
        Han().IsMatch(list).ShouldBeFalse($"Chinese left on the English page: {list}");
        list.ShouldContain("Active");
        await Shot(page, "subscriptions-4-list-en");
        Errors.ShouldBeEmpty();
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
