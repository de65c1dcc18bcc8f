using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>axe-core over the pages of each kind of user, in both languages: the violations as a list under artifacts/e2e.</summary>
public sealed class AccessibilityScanTests : BrowserJourney
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Pages_HaveNoSeriousOrCriticalAxeViolations(string culture)
    {
        var s = App.Scenario;
        var pages = new (string? User, string Url)[]
        {
            (null, "/"), (null, "/directory"), (null, "/notice"), (null, "/account/login"), (null, "/account/register"),
            (Scenario.EnterpriseA, "/enterprise"), (Scenario.EnterpriseA, $"/enterprise/applications/{s.ApplicationAId}"),
            (Scenario.EnterpriseA, $"/enterprise/applications/{s.ApplicationAId}/self-assessment"),
            ("officer-hrss", "/department/data"), ("officer-hrss", "/department/supervision"), ("officer-hrss", "/department/measures"),
            (Scenario.Reviewer, "/review"), (Scenario.Reviewer, $"/review/applications/{s.ApplicationAId}"), (Scenario.Reviewer, "/review/publication"),
            (Scenario.Reviewer, "/centre/campaigns"), (Scenario.Reviewer, $"/centre/campaigns/{s.CampaignId}"),
            (Scenario.Reviewer, $"/centre/dashboards/{s.CampaignId}"), (Scenario.Reviewer, "/centre/cases"),
            (Scenario.Admin, "/admin/accounts"), (Scenario.Admin, "/admin/department-tokens"), (Scenario.Admin, "/admin/subscriptions"),
        };
        var found = new List<string>();
        var signedIn = new Dictionary<string, IPage>();
        async Task<IPage> InCulture(IPage page)
        {
            // The language switch's cookie, as the header's button sets it.
            await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={culture}|uic={culture}"),
                Url = App.BaseAddress.ToString() }]);
            return page;
        }
        var anonymous = await InCulture(await NewPageAsync());
        foreach (var (user, url) in pages)
        {
            var page = user is null ? anonymous : signedIn.TryGetValue(user, out var p) ? p : signedIn[user] = await InCulture(await SignInAsync(user));
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            (await page.GetAttributeAsync("html", "lang")).ShouldBe(culture, url);
            foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                found.Add($"{url} [{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
        }
        File.WriteAllLines(Path.Combine(Artifacts, $"axe-violations-{culture}.txt"), found);
        found.ShouldBeEmpty(string.Join("\n", found));
    }
}
