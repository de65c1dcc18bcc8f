using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// The account pages of issue 15 in headless Chromium, in Chinese and in English: a registration waiting for the
/// centre, the centre's registration desk, the administrator's accounts desk and the password page. Each page must
/// show no Chinese text in English (a missing translation) beyond names and the language switch, and no page error.
/// Screenshots go to artifacts/e2e.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountPagesJourneyTests : BrowserJourney
{
    [Fact]
    public async Task RegistrationDeskAccountsAndPasswordPages_ReadInBothLanguages()
    {
        var registrant = await NewPageAsync(new() { Width = 390, Height = 844 });
        const string first17 = "91330206MA2XYC001"; // GB 32100 has no I, O, Z, S or V
        await registrant.GotoAsync("/account/register");
        await registrant.FillAsync("#Input_CreditCode", first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
        await registrant.FillAsync("#Input_Name", "宁波北仑安全测试有限公司");
        await registrant.FillAsync("#Input_IndustryCode", "C3525");
        await registrant.FillAsync("#Input_UserName", "sec-registrant");
        await registrant.FillAsync("#Input_Password", Scenario.Password);
        await registrant.Locator("main button[type=submit]").ClickAsync();
        await registrant.WaitForURLAsync("**/account/registration");
        await Assertions.Expect(registrant.Locator("#my-registrations")).ToContainTextAsync("待评价中心确认");
        await Both(registrant, "/account/registration", "15-registration-status", "Waiting for the centre");

        var admin = await SignInAsync(Scenario.Admin);
        await Both(admin, "/centre/registrations", "15-registrations-desk", "Enterprise registrations");
        await Both(admin, "/admin/accounts", "15-accounts-desk", "End sessions");
        await Both(admin, "/account/password", "15-password", "Current password");

        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.GotoAsync("/centre/registrations");
        await admin.Locator("#registrations button[type=submit]").First.ClickAsync();
        await Assertions.Expect(admin.Locator("p.notice")).ToBeVisibleAsync();
        Errors.ShouldBeEmpty();
    }

    /// <summary>The page in Chinese, then in English (the language cookie), with a screenshot of each.</summary>
    private static async Task Both(IPage page, string url, string shot, string english)
    {
        await page.Context.ClearCookiesAsync(new() { Name = ".AspNetCore.Culture" });
        await page.GotoAsync(url);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(english, Case.Sensitive, $"{url} in Chinese");
        await Shot(page, shot + "-zh");
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = page.Url }]);
        await page.GotoAsync(url);
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldContain(english, Case.Sensitive, $"{url} in English");
        // Chinese left in the English page, apart from the enterprise and person names the test data has.
        var leftover = Han().Matches(text).Select(m => m.Value)
            .Where(t => !t.Contains("宁波", StringComparison.Ordinal) && !t.Contains("员", StringComparison.Ordinal) && !t.Contains("经办人", StringComparison.Ordinal))
            .ToList();
        leftover.ShouldBeEmpty($"{url} in English still shows: {string.Join(" | ", leftover)}");
        await Shot(page, shot + "-en");
        await page.Context.ClearCookiesAsync(new() { Name = ".AspNetCore.Culture" });
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();
}
