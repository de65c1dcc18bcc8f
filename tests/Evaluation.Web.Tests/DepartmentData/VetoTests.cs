using Evaluation.Web.Features.DepartmentData;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>A veto event a department enters shows in the enterprise's provisional ScoreCard at once.</summary>
public abstract class VetoTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task FatalAccidentEnteredBySafety_FiresTheVetoOnTheProvisionalScoreCard()
    {
        var safety = await App.AsDepartment("safety");
        (await ProvisionalVetoesAsync()).ShouldNotContain("V01");

        await safety.PostFormAsync($"/department/data/enterprises/{S.EnterpriseBId}",
            new() { ["Entry.InputId"] = "fatal_or_general_accidents", ["Entry.Value"] = "1", ["Entry.Note"] = "事故调查报告" });

        (await ProvisionalVetoesAsync()).ShouldContain("V01");
        (await safety.GetStringAsync($"/department/data/enterprises/{S.EnterpriseBId}")).ShouldContain("一票否决（暂评）：V01");
    }

    [Fact]
    public async Task DepartmentValue_PrevailsOverTheEnterprisesOwnClaim_AndBothAreShown()
    {
        var hrss = await App.AsDepartment("hrss");
        await using (var scope = App.Db())
        {
            scope.Context.Facts.Add(new Web.Features.Facts.Fact(Guid.NewGuid(), S.CampaignId, S.EnterpriseAId, "wage_arrears_cases",
                Web.Features.Facts.FactValue.From("5"), Web.Features.Facts.FactOrigin.Enterprise, null, null, Scenario.EnterpriseA,
                TestClock.Start.UtcDateTime.AddMinutes(5)));
            await scope.Context.Because("test").SaveChangesAsync();
        }

        var page = await hrss.GetStringAsync($"/department/data/enterprises/{S.EnterpriseAId}");
        var card = await ProvisionalCardAsync(S.EnterpriseAId);

        page.ShouldContain("department value prevails");
        card!.Facts.ShouldNotBeNull();
        Web.Features.Scoring.FactSelection.ForScoring(SelfAssessment.NewEnterprise.Catalogue(App, "C1711"), await CurrentFactsAsync(S.EnterpriseAId), [])
            ["wage_arrears_cases"].ShouldBe(0m); // hrss said 0; the enterprise's later 5 does not count
    }

    private async Task<List<string>> ProvisionalVetoesAsync()
    {
        var card = await ProvisionalCardAsync(S.EnterpriseBId);
        return card!.Vetoes.Where(v => v.Fired == true).Select(v => v.Id).ToList();
    }

    private async Task<Engine.ScoreCard?> ProvisionalCardAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        var campaign = await scope.Context.Campaigns.SingleAsync(c => c.Id == S.CampaignId);
        var enterprise = await scope.Context.Enterprises.SingleAsync(e => e.Id == enterpriseId);
        return await scope.Services.GetRequiredService<ProvisionalScoreCards>().ForAsync(campaign, enterprise, default);
    }

    private async Task<List<Web.Features.Facts.Fact>> CurrentFactsAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        return await scope.Context.Facts.Where(f => f.EnterpriseId == enterpriseId && f.SupersededById == null).ToListAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class VetoTestsOnPostgres(PostgresServer server, AppHolder holder) : VetoTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class VetoTestsOnSqlite(AppHolder holder) : VetoTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
