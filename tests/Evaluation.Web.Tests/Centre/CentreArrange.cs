using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// A fresh enterprise with an application moved to the status a centre test starts from, and a few facts; with
/// <c>smeModules</c> it is on the small-enterprise track aiming for those modules.
/// </summary>
internal sealed record CentreCase(Guid EnterpriseId, Guid ApplicationId, Guid CampaignId, string CreditCode, string Name)
{
    private static int _sequence;

    /// <summary>Facts every case gets: the enterprise's own headcount and contracts, and the bureau's insurance record.</summary>
    public static readonly (string Input, string Value, FactOrigin Origin, string? Department)[] DefaultFacts =
    [
        ("employees", "400", FactOrigin.Enterprise, null),
        ("contracts_signed", "398", FactOrigin.Enterprise, null),
        ("social_insurance_insured", "390", FactOrigin.Department, "hrss"),
    ];

    public static async Task<CentreCase> CreateAsync(EvaluationApp app, ApplicationStatus status, Guid? campaignId = null,
        District district = District.Jiangbei, string industryCode = "C3525", IReadOnlyCollection<string>? smeModules = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var first17 = $"91330205MC{n:D4}{Random.Shared.Next(1000):D3}";
        var code = Features.Enterprises.CreditCode.Parse(first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
        var now = TestClock.Start.UtcDateTime;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var name = $"中心测试企业{n}号{code.Value[^4..]}";
        var enterprise = new Enterprise(Guid.NewGuid(), code, name, district, industryCode, SizeClass.Medium, null, now);
        var campaign = campaignId ?? app.Scenario.CampaignId;
        var application = new Application(Guid.NewGuid(), campaign, enterprise.Id, smeModules is null ? Track.Full : Track.SmallEnterprise, now);
        if (smeModules is not null) application.AimForModules(smeModules);
        db.Enterprises.Add(enterprise);
        foreach (var (input, value, origin, department) in DefaultFacts)
            db.Facts.Add(new Fact(Guid.NewGuid(), campaign, enterprise.Id, input, FactValue.From(value), origin, department, null, "arrange", now));
        if (status >= ApplicationStatus.Submitted) application.Submit(now);
        if (status >= ApplicationStatus.InReview) application.StartReview();
        if (status >= ApplicationStatus.Accepted) application.Accept(now);
        db.Applications.Add(application);
        await db.Because("test arrange").SaveChangesAsync();
        return new CentreCase(enterprise.Id, application.Id, campaign, code.Value, name);
    }

    /// <summary>A campaign of its own, so that a scoring run or publication sees only the test's applications.</summary>
    public static async Task<Guid> CampaignAsync(EvaluationApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var id = Guid.NewGuid();
        db.Campaigns.Add(new Campaign(id, 2018, $"测试活动 {id.ToString()[..8]}", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2018)));
        await db.Because("test arrange").SaveChangesAsync();
        return id;
    }
}

internal static class CentreRuns
{
    /// <summary>Scores the campaign's accepted applications through a real run in the hosted worker and waits for it.</summary>
    public static async Task ScoreAsync(EvaluationApp app, Guid campaignId)
    {
        Guid runId;
        await using (var scope = app.Db())
            runId = (await scope.Services.GetRequiredService<Features.Scoring.ScoringRuns>().StartAsync(campaignId, "test", CancellationToken.None)).Id;
        for (var i = 0; i < 300; i++)
        {
            await using var db = app.Db();
            var run = await db.Context.ScoringRuns.FindAsync(runId);
            if (run!.Status == Features.Scoring.ScoringRunStatus.Completed) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("scoring run did not complete");
    }
}
