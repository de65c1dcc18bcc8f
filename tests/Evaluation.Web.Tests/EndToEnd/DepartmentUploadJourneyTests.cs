using System.Text;
using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// Issue 9's second journey, in headless Chromium: the 人社局 officer uploads a CSV with errors, sees each by row and
/// column with nothing stored, uploads a corrected file, previews the changes, commits, and finds the new value in
/// the enterprise's history.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DepartmentUploadJourneyTests : BrowserJourney
{
    private const string Header = "统一社会信用代码 credit_code,最低工资违规 overtime_pay_violations,女职工 women_protection_violations";

    [Fact]
    public async Task Officer_UploadsAFileWithErrors_ThenAGoodFile_AndCommits()
    {
        var officer = await SignInAsync("officer-hrss");
        await officer.GotoAsync("/department/data/upload");

        await UploadAsync(officer, "人社-有错误.csv", $"{Header}\n{Scenario.CreditCodeA},abc,0\n91330100716105852F,1,1\n");
        var errors = officer.Locator("table.errors tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(2);
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("overtime_pay_violations"); // row 2: not a number
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("91330100716105852F");      // row 3: no such enterprise
        await Assertions.Expect(officer.Locator("p.errors")).ToContainTextAsync("未保存任何数据");
        await Assertions.Expect(officer.Locator("input[name=upload]")).ToHaveCountAsync(0); // nothing to commit
        await Shot(officer, "du-1-errors");

        await UploadAsync(officer, "人社-更正.csv", $"{Header}\n{Scenario.CreditCodeA},3,0\n");
        await Assertions.Expect(officer.Locator("main table").First).ToContainTextAsync("overtime_pay_violations");
        await Shot(officer, "du-2-preview");
        await officer.Locator("form:has(input[name=upload]) button[type=submit]").ClickAsync();
        await Assertions.Expect(officer.Locator(".notice")).ToContainTextAsync("已提交");
        await Shot(officer, "du-3-committed");

        await officer.GotoAsync($"/department/data/enterprises/{App.Scenario.EnterpriseAId}/history/overtime_pay_violations");
        var latest = officer.Locator("main table tbody tr").First;
        await Assertions.Expect(latest).ToContainTextAsync("→ 3");
        await Assertions.Expect(latest).ToContainTextAsync("officer-hrss");
        await Assertions.Expect(latest).ToContainTextAsync("部门批量上传");
        Errors.ShouldBeEmpty();
    }

    private static async Task UploadAsync(IPage page, string name, string csv)
    {
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("form[data-progress] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h2")).ToContainTextAsync("预览");
    }
}
