using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Publication;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// Issue 7's third "done when", in headless Chromium: after publication, 应急管理局 records a fatal accident for a
/// rated enterprise; the centre finds the case and revokes the rating with a reason; the public directory shows
/// 已撤销 with the reason and the rating's history; 总工会 lists the enterprise under its joint measures, and the
/// enterprise sees its sanctions with their basis, in Chinese and in English (issue 19). Screenshots go to artifacts/e2e.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DynamicManagementJourneyTests : BrowserJourney
{
    protected override Task ArrangeAsync(EvaluationApp app) => PublishRatingAsync(app);

    [Fact]
    public async Task VetoEventAfterPublication_CentreRevokes_DirectoryShowsRevokedWithItsHistory()
    {
        const string reason = "2018年6月发生一起死亡生产安全责任事故，依一票否决撤销";

        var officer = await SignInAsync("officer-safety");
        await officer.GotoAsync($"/department/supervision?q={Scenario.CreditCodeA}");
        await officer.Locator("main ul a").First.ClickAsync();
        var eventForm = officer.Locator("form:has(select[name='Event.Type'])");
        await eventForm.Locator("select").SelectOptionAsync("fatal_or_general_accidents");
        await eventForm.Locator("input[name='Event.OccurredOn']").FillAsync("2018-06-10");
        await eventForm.Locator("input[name='Event.Note']").FillAsync("事故调查报告 甬安监〔2018〕12号");
        await eventForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(officer.Locator(".notice")).ToContainTextAsync("已提交评价中心处理");
        await Assertions.Expect(officer.Locator(".notice")).ToContainTextAsync("V01");
        await Shot(officer, "dm-1-event-recorded");

        var reviewer = await SignInAsync(Scenario.Reviewer);
        await reviewer.GotoAsync("/centre/cases");
        var @case = reviewer.Locator("section.case").Filter(new() { HasText = Scenario.CreditCodeA });
        await Assertions.Expect(@case).ToContainTextAsync("V01");
        await Shot(reviewer, "dm-2-case-queue");
        var confirm = @case.Locator("form:has(select[name=action])");
        await confirm.Locator("select[name=action]").SelectOptionAsync("revoke");
        await confirm.Locator("input[name=reason]").FillAsync(reason);
        // A revocation is published at once: the page asks first, naming the enterprise.
        var asked = new List<string>();
        reviewer.Dialog += (_, dialog) => { asked.Add(dialog.Message); dialog.AcceptAsync(); };
        await confirm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(reviewer.Locator(".notice")).ToContainTextAsync("已处理");
        asked.ShouldHaveSingleItem().ShouldContain("撤销或降级将立即公开");

        var visitor = await NewPageAsync();
        await visitor.GotoAsync($"/directory?q={Scenario.CreditCodeA}");
        await Assertions.Expect(visitor.Locator("main table").First).ToContainTextAsync("已撤销");
        await Assertions.Expect(visitor.Locator("main table").First).ToContainTextAsync(reason);
        var history = visitor.Locator(".rating-history");
        await Assertions.Expect(history.Locator("tr.history-published")).ToContainTextAsync("A");
        await Assertions.Expect(history.Locator("tr.history-revoked")).ToContainTextAsync(reason);
        await Shot(visitor, "dm-3-directory-revoked");

        var union = await SignInAsync("officer-union");
        await union.GotoAsync("/department/measures");
        var listed = union.Locator("#measures tr").Filter(new() { HasText = Scenario.CreditCodeA });
        await Assertions.Expect(listed.First).ToContainTextAsync("不得参加各类评比和政治安排");
        await Assertions.Expect(union.Locator("[data-export=measures-csv]")).ToBeVisibleAsync();
        await Shot(union, "dm-4-department-measures");

        var enterprise = await SignInAsync(Scenario.EnterpriseA);
        await enterprise.GotoAsync("/enterprise/measures");
        var measures = enterprise.Locator("#active-measures");
        await Assertions.Expect(measures).ToContainTextAsync("不得参加各类评比和政治安排");
        await Assertions.Expect(measures).ToContainTextAsync("《宁波市和谐企业创建成果运用实施办法》");
        await Assertions.Expect(measures).ToContainTextAsync("撤销");
        await Shot(enterprise, "dm-5-enterprise-measures");
        await enterprise.Locator("header button[lang=en]").ClickAsync();
        await Assertions.Expect(enterprise.Locator("h1")).ToContainTextAsync("My incentives and sanctions");
        await Assertions.Expect(measures).ToContainTextAsync("Barred from honours and political appointments");
        await Assertions.Expect(measures).Not.ToContainTextAsync("不得参加");
        await Shot(enterprise, "dm-6-enterprise-measures-en");
        Errors.ShouldBeEmpty();
    }

    /// <summary>Enterprise A holds an A rating published by the 2017 campaign, valid until autumn 2019.</summary>
    private static async Task PublishRatingAsync(EvaluationApp app)
    {
        await using var db = app.Db();
        var campaign = new Campaign(Guid.NewGuid(), 2017, "2017年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2017));
        db.Context.Campaigns.Add(campaign);
        db.Context.Ratings.Add(new Rating(Guid.NewGuid(), app.Scenario.EnterpriseAId, campaign.Id, null, Grade.A,
            new DateOnly(2017, 10, 1), new DateOnly(2019, 9, 30), new DateTime(2017, 9, 15, 0, 0, 0, DateTimeKind.Utc)));
        await db.Context.Because("test arrange: published").SaveChangesAsync();
        var union = await db.Services.GetRequiredService<AccountService>().CreateAsync(
            Account.ForDepartment(Guid.NewGuid(), "officer-union", "总工会经办人", "union", TestClock.Start.UtcDateTime), Scenario.Password);
        union.Succeeded.ShouldBeTrue();
    }
}
