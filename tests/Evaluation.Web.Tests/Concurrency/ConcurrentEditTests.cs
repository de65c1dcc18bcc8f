using System.Text.RegularExpressions;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Tests.Concurrency;

/// <summary>
/// Two officers (two tabs) with the same enterprise page open: the first save wins, the second is told the value
/// was changed by someone else (409) and stores nothing, instead of silently overwriting a value it never saw.
/// </summary>
public abstract partial class ConcurrentEditTests(AppHolder holder) : AppTests(holder)
{
    internal const string Message = "changed by someone else";

    [GeneratedRegex("name=\"Entry.Seen\\[(?<input>[a-z_]+)\\]\" value=\"(?<seen>[^\"]+)\"")]
    private static partial Regex SeenField();

    /// <summary>The form's fields as the page renders them now: what the officer saw, and the antiforgery token.</summary>
    internal static async Task<Dictionary<string, string>> OpenFormAsync(HttpClient officer, Guid enterprise)
    {
        var html = await officer.GetStringAsync($"/department/data/enterprises/{enterprise}");
        var form = SeenField().Matches(html).ToDictionary(m => $"Entry.Seen[{m.Groups["input"].Value}]", m => m.Groups["seen"].Value);
        form.ShouldNotBeEmpty("the form says which values the officer saw");
        form["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return form;
    }

    internal static Task<HttpResponseMessage> SaveAsync(HttpClient officer, Guid enterprise, Dictionary<string, string> form,
        string input, string value, string note) =>
        officer.PostAsync($"/department/data/enterprises/{enterprise}", new FormUrlEncodedContent(new Dictionary<string, string>(form)
        {
            ["Entry.InputId"] = input, ["Entry.Value"] = value, ["Entry.Note"] = note,
        }));

    [Fact]
    public async Task TwoOfficersEditTheSameValue_TheSecondSaveIs409WithTheMessage_AndStoresNothing()
    {
        var first = await App.AsDepartment("hrss");
        var second = await App.AsDepartment("hrss"); // another tab, another session
        var firstForm = await OpenFormAsync(first, S.EnterpriseAId);
        var secondForm = await OpenFormAsync(second, S.EnterpriseAId); // both see the scenario's value 0

        var won = await SaveAsync(first, S.EnterpriseAId, firstForm, "wage_arrears_cases", "5", "复查 / rechecked");
        var before = await CountsAsync();
        var lost = await SaveAsync(second, S.EnterpriseAId, secondForm, "wage_arrears_cases", "7", "另一处更正 / other correction");

        won.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        lost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await lost.Content.ReadAsStringAsync();
        html.ShouldContain(Message);
        html.ShouldContain(">5<", Case.Sensitive, "the page shows the value that won");
        (await CountsAsync()).ShouldBe(before, "the losing save stored nothing, not even an audit entry");
        (await CurrentAsync("wage_arrears_cases")).ShouldBe(["5"]);

        // Having seen the new value, the second officer may still correct it.
        var again = await SaveAsync(second, S.EnterpriseAId, await OpenFormAsync(second, S.EnterpriseAId), "wage_arrears_cases", "7",
            "已核对 / checked against 5");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CurrentAsync("wage_arrears_cases")).ShouldBe(["7"]);
    }

    [Fact]
    public async Task FirstValueEnteredTwice_TheTabThatSawNoValueIs409()
    {
        var first = await App.AsDepartment("hrss");
        var second = await App.AsDepartment("hrss");
        var firstForm = await OpenFormAsync(first, S.EnterpriseBId);
        var secondForm = await OpenFormAsync(second, S.EnterpriseBId);

        (await SaveAsync(first, S.EnterpriseBId, firstForm, "overtime_pay_violations", "1", "")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lost = await SaveAsync(second, S.EnterpriseBId, secondForm, "overtime_pay_violations", "2", "");

        lost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await lost.Content.ReadAsStringAsync()).ShouldContain(Message);
        (await CurrentAsync("overtime_pay_violations", S.EnterpriseBId)).ShouldBe(["1"]);
    }

    private async Task<(int Facts, int Audit)> CountsAsync()
    {
        await using var scope = App.Db();
        return (await scope.Context.Facts.CountAsync(), await scope.Context.AuditEntries.CountAsync());
    }

    private async Task<List<string>> CurrentAsync(string input, Guid? enterprise = null)
    {
        var id = enterprise ?? S.EnterpriseAId;
        await using var scope = App.Db();
        return await scope.Context.Facts.Where(f => f.EnterpriseId == id && f.InputId == input
                && f.Origin == FactOrigin.Department && f.SupersededById == null)
            .Select(f => f.ValueText).ToListAsync();
    }
}

public sealed class ConcurrentEditTestsOnSqlite(AppHolder holder) : ConcurrentEditTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ConcurrentEditTestsOnPostgres(PostgresServer server, AppHolder holder) : ConcurrentEditTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}
