using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.SelfAssessment;

/// <summary>
/// A fresh enterprise with its own account (and, when asked, a draft application in the scenario's campaign),
/// so tests that save or submit never touch another test's records.
/// </summary>
internal sealed record NewEnterprise(Guid EnterpriseId, string UserName, string CreditCode, Guid? ApplicationId)
{
    private static int _sequence;

    public static async Task<NewEnterprise> CreateAsync(EvaluationApp app, string industryCode = "C1711", bool withApplication = true)
    {
        var n = Interlocked.Increment(ref _sequence);
        var first17 = $"91330203MA2{n:D6}";
        var code = Features.Enterprises.CreditCode.Parse(first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
        var userName = $"self-{n}-{Guid.NewGuid():N}"[..20];
        var now = TestClock.Start.UtcDateTime;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var enterprise = new Enterprise(Guid.NewGuid(), code, $"测试企业{n}", District.Haishu, industryCode, SizeClass.Medium, null, now);
        db.Enterprises.Add(enterprise);
        Guid? applicationId = null;
        if (withApplication)
        {
            var application = new Application(Guid.NewGuid(), app.Scenario.CampaignId, enterprise.Id, Track.Full, now);
            db.Applications.Add(application);
            applicationId = application.Id;
        }
        await db.Because("test arrange").SaveChangesAsync();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(Account.ForEnterprise(Guid.NewGuid(), userName, enterprise.Name, enterprise.Id, now), Scenario.Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return new NewEnterprise(enterprise.Id, userName, code.Value, applicationId);
    }

    public string FormUrl => $"/enterprise/applications/{ApplicationId}/self-assessment";

    /// <summary>The catalogue variant the scenario's campaign gives this industry.</summary>
    public static CampaignCatalogue Catalogue(EvaluationApp app, string industryCode) =>
        app.Services.GetRequiredService<CampaignCatalogues>().For("ningbo-harmonious-enterprise", "2018.1", "", industryCode);
}
