using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>
/// The records every web test starts from: two enterprises with one application each in an open
/// campaign, facts from two departments and from an enterprise, and one account per role.
/// </summary>
public sealed class Scenario
{
    public const string Password = "Test-Passw0rd-2018";
    public const string EnterpriseA = "enterprise-a";
    public const string EnterpriseB = "enterprise-b";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    // Ningbo-shaped codes (海曙 330203, 鄞州 330212) with correct GB 32100 check characters.
    public const string CreditCodeA = "91330203MA28XY0A2P";
    public const string CreditCodeB = "91330212MA2CM1TB7P";

    public Guid CampaignId { get; } = Guid.NewGuid();
    public Guid EnterpriseAId { get; } = Guid.NewGuid();
    public Guid EnterpriseBId { get; } = Guid.NewGuid();
    public Guid ApplicationAId { get; } = Guid.NewGuid();
    public Guid ApplicationBId { get; } = Guid.NewGuid();
    public Guid HrssFactAId { get; } = Guid.NewGuid();
    public Guid SafetyFactAId { get; } = Guid.NewGuid();
    public Guid EnterpriseFactAId { get; } = Guid.NewGuid();

    internal static async Task<Scenario> SeedAsync(IServiceProvider services)
    {
        var s = new Scenario();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var now = TestClock.Start.UtcDateTime;
        db.Campaigns.Add(new Campaign(s.CampaignId, 2018, "2018年度宁波市和谐企业评价", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2018)));
        db.Enterprises.Add(new Enterprise(s.EnterpriseAId, CreditCode.Parse(CreditCodeA), "宁波甲纺织有限公司",
            District.Haishu, "C1711", SizeClass.Medium, null, now));
        db.Enterprises.Add(new Enterprise(s.EnterpriseBId, CreditCode.Parse(CreditCodeB), "宁波乙模具有限公司",
            District.Yinzhou, "C3525", SizeClass.Small, "鄞州工业园区", now));
        db.Applications.Add(new Application(s.ApplicationAId, s.CampaignId, s.EnterpriseAId, Track.Full, now));
        db.Applications.Add(new Application(s.ApplicationBId, s.CampaignId, s.EnterpriseBId, Track.Full, now));
        db.Facts.Add(new Fact(s.HrssFactAId, s.CampaignId, s.EnterpriseAId, "wage_arrears_cases", FactValue.From("0"),
            FactOrigin.Department, "hrss", null, "hrss import", now));
        db.Facts.Add(new Fact(s.SafetyFactAId, s.CampaignId, s.EnterpriseAId, "injury_accidents", FactValue.From("1"),
            FactOrigin.Department, "safety", null, "safety import", now));
        db.Facts.Add(new Fact(s.EnterpriseFactAId, s.CampaignId, s.EnterpriseAId, "employees", FactValue.From("420"),
            FactOrigin.Enterprise, null, null, EnterpriseA, now));
        await db.Because("test scenario").SaveChangesAsync();
        await AccountsAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), s, now);
        return s;
    }

    private static async Task AccountsAsync(AccountService accounts, Scenario s, DateTime now)
    {
        Account[] all =
        [
            Account.ForEnterprise(Guid.NewGuid(), EnterpriseA, "宁波甲纺织有限公司", s.EnterpriseAId, now),
            Account.ForEnterprise(Guid.NewGuid(), EnterpriseB, "宁波乙模具有限公司", s.EnterpriseBId, now),
            Account.ForDepartment(Guid.NewGuid(), "officer-hrss", "人社局经办人", "hrss", now),
            Account.ForDepartment(Guid.NewGuid(), "officer-safety", "应急管理局经办人", "safety", now),
            Account.ForCentre(Guid.NewGuid(), Reviewer, "评审员", Role.Reviewer, now),
            Account.ForCentre(Guid.NewGuid(), Admin, "管理员", Role.Administrator, now),
        ];
        foreach (var account in all)
        {
            var result = await accounts.CreateAsync(account, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
