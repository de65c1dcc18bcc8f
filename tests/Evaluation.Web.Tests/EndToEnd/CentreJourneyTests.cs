using Evaluation.Web.Features.Publication;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// The centre's journey in headless Chromium on the demo data: a reviewer takes a submitted demo application
/// through review (start, a qualitative level, a verified fact, the on-site review, accept), a scoring run with
/// its progress bar, public notice with one objection from the public answered, and publication; the
/// enterprise then appears in the public directory with its grade, its category chart and its certificate.
/// Screenshots go to artifacts/e2e (centre-*.png). Never skipped: when Chromium cannot start the test fails.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CentreJourneyTests : BrowserJourney
{
    protected override Task<EvaluationApp> StartAppAsync() => EvaluationApp.StartDemoOnKestrelAsync(enterprises: 60);

    [Fact]
    public async Task Reviewer_TakesASubmittedDemoApplicationToPublication_AndTheEnterpriseIsInTheDirectoryWithItsGrade()
    {
        var (name, creditCode, campaignId) = await SubmittedDemoApplicationAsync();
        var reviewer = await NewPageAsync(new() { Width = 1280, Height = 900 });
        await SignInAsync(reviewer, "reviewer");

        // Review: find it in the queue by status and name, then start, set a level, verify a fact, record the visit, accept.
        await reviewer.GotoAsync("/review");
        await reviewer.Locator("#queue-filter select[name=status]").SelectOptionAsync("Submitted");
        await reviewer.FillAsync("#queue-filter input[name=q]", name);
        await reviewer.Locator("#queue-filter button[type=submit]").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#queue tbody tr")).ToHaveCountAsync(1);
        await Shot(reviewer, "centre-1-queue");
        await reviewer.Locator("#queue tbody tr a").ClickAsync();
        await reviewer.Locator("#start-review").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#status")).ToHaveTextAsync("评审中");
        await reviewer.Locator("#input-governance_level select[name=value]").SelectOptionAsync("good");
        await reviewer.Locator("#input-governance_level form.set-value button").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#input-governance_level .fact.used .value")).ToHaveTextAsync("good");
        var verify = reviewer.Locator("#input-employees button.verify").First;
        await verify.ClickAsync();
        await Assertions.Expect(reviewer.Locator("#input-employees .verification-Verified")).ToHaveCountAsync(1);
        await reviewer.FillAsync("#on-site input[name=on]", "2018-06-15");
        await reviewer.FillAsync("#on-site input[name=finding]", "劳动合同台账齐全，现场核验通过");
        await reviewer.SelectOptionAsync("#on-site select[name=passed]", "true");
        await reviewer.Locator("#on-site button[type=submit]").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#on-site")).ToContainTextAsync("现场核验通过");
        await Assertions.Expect(reviewer.Locator("#on-site-outcome")).ToContainTextAsync("通过 / passed");
        await Shot(reviewer, "centre-2-review");
        await reviewer.Locator("#accept").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#status")).ToHaveTextAsync("已受理");

        // Scoring run: start it for the open campaign and watch the bar fill.
        await reviewer.GotoAsync("/review/scoring");
        await reviewer.Locator($"button.start-run[data-campaign='{campaignId}']").ClickAsync();
        await reviewer.WaitForURLAsync("**/review/scoring/runs/**");
        await Assertions.Expect(reviewer.Locator("#run.completed")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(reviewer.Locator("#run .bar")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("width: 100%"));
        await Assertions.Expect(reviewer.Locator("[data-field=scored]")).ToHaveTextAsync("1");
        await Shot(reviewer, "centre-3-scoring-run");
        string grade;
        await using (var db = App.Db())
        {
            var applicationId = await db.Context.Applications.Where(a => a.CampaignId == campaignId && a.Status == ApplicationStatus.Scored)
                .Select(a => a.Id).SingleAsync();
            grade = (await db.Context.ScoreCardSnapshots.SingleAsync(s => s.ApplicationId == applicationId)).Grade;
        }

        // Public notice for a week from today.
        await reviewer.GotoAsync("/review/publication");
        await reviewer.Locator($"section[data-campaign='{campaignId}'] form.open-notice button").ClickAsync();
        await Assertions.Expect(reviewer.Locator(".notice")).ToContainTextAsync("已公示 1 家企业");

        // Anyone, without signing in, sees the proposed grade and objects.
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("/notice");
        var row = visitor.Locator("#notice tbody tr", new() { HasText = creditCode });
        await Assertions.Expect(row.Locator(".grade")).ToHaveTextAsync(grade);
        await visitor.FillAsync("#public-objection input[name=creditCode]", creditCode);
        await visitor.FillAsync("#public-objection input[name=name]", "李四");
        await visitor.FillAsync("#public-objection textarea[name=reason]", "听说该企业去年有欠薪，请核实");
        await visitor.Locator("#public-objection button[type=submit]").ClickAsync();
        await Assertions.Expect(visitor.Locator(".notice")).ToContainTextAsync("异议已提交");
        await Shot(visitor, "centre-4-public-notice");

        // The reviewer answers it.
        await reviewer.GotoAsync("/review/objections?status=Open");
        var objection = reviewer.Locator("#objections tbody tr", new() { HasText = "听说该企业去年有欠薪" });
        await objection.Locator("input[name=decision][value=dismissed]").CheckAsync();
        await objection.Locator("input[name=reason]").FillAsync("经人社局核实，无欠薪记录");
        await objection.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(reviewer.Locator(".notice")).ToContainTextAsync("已答复");
        await Assertions.Expect(reviewer.Locator("#objections")).ToContainTextAsync("经人社局核实，无欠薪记录");
        await Shot(reviewer, "centre-5-objection-answered");

        // A week later the notice has ended: publish.
        App.Clock.Advance(TimeSpan.FromDays(7));
        await SignInAsync(reviewer, "reviewer");
        await reviewer.GotoAsync("/review/publication");
        var asked = new List<string>();
        reviewer.Dialog += (_, dialog) => { asked.Add(dialog.Message); dialog.AcceptAsync(); };
        await reviewer.Locator($"section[data-campaign='{campaignId}'] form.publish button").ClickAsync();
        await Assertions.Expect(reviewer.Locator(".notice")).ToContainTextAsync("已发布 1 家企业");
        asked.ShouldHaveSingleItem().ShouldContain("发布 1 家企业的评价结果？"); // asked first, with the count

        // The public directory lists it with its grade; its page draws the category chart; the certificate prints.
        await visitor.GotoAsync("/directory");
        await visitor.FillAsync("#directory-filter input[name=q]", creditCode);
        await visitor.Locator("#directory-filter button[type=submit]").ClickAsync();
        var listed = visitor.Locator("#directory tbody tr", new() { HasText = name });
        await Assertions.Expect(listed).ToHaveCountAsync(2 - (await HasEarlierRatingAsync(creditCode) ? 0 : 1));
        await Assertions.Expect(visitor.Locator("#directory tbody tr", new() { HasText = "2018年度" }).Locator(".grade")).ToHaveTextAsync(grade);
        await Shot(visitor, "centre-6-directory");
        await visitor.Locator("#directory tbody tr", new() { HasText = "2018年度" }).Locator("a").ClickAsync();
        await Assertions.Expect(visitor.Locator("#current-rating .grade")).ToHaveTextAsync(grade);
        await Assertions.Expect(visitor.Locator("#category-chart canvas")).ToHaveCountAsync(1);
        await Shot(visitor, "centre-7-enterprise-page");
        await visitor.Locator("#certificate-link").ClickAsync();
        await visitor.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(visitor.Locator("#certificate")).ToContainTextAsync(name);
        await Assertions.Expect(visitor.Locator("header.top")).ToBeHiddenAsync();
        await Shot(visitor, "centre-8-certificate-print");

        // On a 390 px phone the directory and the enterprise page fit the screen: nothing scrolls sideways.
        await visitor.EmulateMediaAsync(new() { Media = Media.Screen });
        await visitor.SetViewportSizeAsync(390, 844);
        foreach (var url in new[] { "/directory", $"/directory/{creditCode}", "/" })
        {
            await visitor.GotoAsync(url);
            (await visitor.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, url);
        }
        await visitor.GotoAsync("/directory");
        await Shot(visitor, "centre-9-directory-390px");
        Errors.ShouldBeEmpty();
    }

    private async Task<bool> HasEarlierRatingAsync(string creditCode)
    {
        await using var db = App.Db();
        var enterprise = await db.Context.Enterprises.SingleAsync(e => e.CreditCode == creditCode);
        return await db.Context.Ratings.CountAsync(r => r.EnterpriseId == enterprise.Id) > 1;
    }

    /// <summary>A demo application submitted in the open campaign (the seeder puts about a quarter there).</summary>
    private async Task<(string Name, string CreditCode, Guid CampaignId)> SubmittedDemoApplicationAsync()
    {
        await using var db = App.Db();
        var open = await db.Context.Campaigns.OrderByDescending(c => c.PublishOn).Select(c => c.Id).FirstAsync();
        var found = await (from a in db.Context.Applications
                           join e in db.Context.Enterprises on a.EnterpriseId equals e.Id
                           where a.CampaignId == open && a.Status == ApplicationStatus.Submitted && a.Track == Track.Full
                           orderby e.Name
                           select new { e.Name, e.CreditCode }).FirstOrDefaultAsync();
        found.ShouldNotBeNull("the demo seeds submitted applications in the open campaign");
        return (found.Name, found.CreditCode, open);
    }

    private Task SignInAsync(IPage page, string role)
    {
        var account = App.DemoAccounts.Single(a => a.UserName == role);
        return SignInAsync(page, account.UserName, account.Password);
    }
}
