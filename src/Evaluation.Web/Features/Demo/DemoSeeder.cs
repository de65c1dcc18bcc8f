using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.Shared;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Demo;

/// <summary>
/// First-run demo: a published 2017 campaign (so the public directory has ratings) and a municipal
/// campaign open on the day of seeding, with enterprises at every step of the workflow.
/// </summary>
internal sealed class DemoSeeder(EvaluationDbContext db, AccountService accounts, IOptions<DemoOptions> options,
    CampaignCatalogues catalogues, Scorer scorer, TimeProvider clock, Measures.MeasureKeeper measures, ILogger<DemoSeeder> log)
{
    public const string CatalogueId = "ningbo-harmonious-enterprise";
    public const string CatalogueVersion = "2018.1";

    private DateOnly _today = DateOnly.MaxValue;
    private DateTime _now = DateTime.MaxValue;

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Enterprises.AnyAsync(cancellationToken)) return [];
        var started = System.Diagnostics.Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        // Today is Ningbo's: seeded at 07:00 Beijing time the UTC date is still yesterday's.
        (_now, _today) = (now, clock.NingboToday());
        var synthetic = new SyntheticEnterprises(options.Value.RandomSeed);
        var facts = new SyntheticFacts(synthetic.Faker.Random);
        var (published, open) = Campaigns(_today);
        // The enterprises registered before the 2017 round opened: nothing they did is older than their account.
        var enterprises = synthetic.Make(options.Value.Enterprises, At(published.SelfAssessmentFrom.AddDays(-30)));
        db.Enterprises.AddRange(enterprises);
        db.Campaigns.AddRange(published, open);
        PublishRatings(published, enterprises, synthetic, facts);
        OpenApplications(open, enterprises, synthetic, facts);
        await db.Because("demo data").SaveChangesAsync(cancellationToken);
        // The published ratings' joint measures, as publication would have recorded them.
        await measures.ReevaluateAsync([.. db.Ratings.Local.Select(r => r.EnterpriseId)], "demo data", cancellationToken);
        var demoAccounts = await CreateAccountsAsync(enterprises[0], now);
        log.LogInformation("Demo data seeded in {Elapsed} ms: {Enterprises} enterprises, campaigns {Published} and {Open}",
            started.ElapsedMilliseconds, enterprises.Count, published.Year, open.Year);
        return demoAccounts;
    }

    // The open round is dated around the day the demo is seeded, in its self-assessment phase, so that a
    // new enterprise can apply and departments can enter data whenever someone runs the demo.
    private static (Campaign Published, Campaign Open) Campaigns(DateOnly today) =>
    (
        // Only catalogue 2018.1 exists, so the 2017 round is pinned to it as well.
        new Campaign(Guid.Parse("0000000a-2017-0000-0000-000000000000"), 2017, "2017年度宁波市和谐企业评价",
            CampaignLevel.Municipal, null, CatalogueId, CatalogueVersion, CampaignPhases.ForYear(2017)),
        new Campaign(Guid.Parse("0000000a-2018-0000-0000-000000000000"), today.Year, $"{today.Year}年度宁波市和谐企业评价",
            CampaignLevel.Municipal, null, CatalogueId, CatalogueVersion, CampaignPhases.Around(today))
    );

    /// <summary>2017: every other enterprise applied; all were reviewed, scored by the engine and published.</summary>
    private void PublishRatings(Campaign campaign, List<Enterprise> enterprises, SyntheticEnterprises synthetic, SyntheticFacts facts)
    {
        foreach (var enterprise in enterprises.Where((_, i) => i % 2 == 0))
        {
            var application = new Application(Guid.NewGuid(), campaign.Id, enterprise.Id, Track.Full, At(campaign.SelfAssessmentFrom));
            var supplied = AddFacts(campaign, enterprise, facts, synthetic, verified: true);
            application.Submit(At(campaign.SelfAssessmentFrom.AddDays(30)));
            application.StartReview();
            application.Accept(At(campaign.ReviewFrom.AddDays(20)));
            var result = scorer.Score(campaign, enterprise, supplied);
            if (!result.IsScorable) throw new InvalidOperationException($"Demo facts of {enterprise.CreditCode} do not score: {string.Join("; ", result.Reasons)}");
            var snapshot = scorer.Freeze(application, result).DatedAt(At(campaign.ReviewFrom.AddDays(30))); // scored before notice, not on the day of seeding
            application.RecordScore();
            application.OpenPublicNotice();
            application.Publish();
            db.Applications.Add(application);
            db.ScoreCardSnapshots.Add(snapshot);
            db.Ratings.Add(new Rating(Guid.NewGuid(), enterprise.Id, campaign.Id, snapshot.Id, Enum.Parse<Grade>(snapshot.Grade),
                campaign.PublishOn, campaign.PublishOn.AddYears(2).AddDays(-1), At(campaign.PublishOn)));
        }
    }

    /// <summary>2018: two in three enterprises applied; some are drafts, some submitted, in review or returned.</summary>
    private void OpenApplications(Campaign campaign, List<Enterprise> enterprises, SyntheticEnterprises synthetic, SyntheticFacts facts)
    {
        var random = synthetic.Faker.Random;
        foreach (var enterprise in enterprises.Where((_, i) => i % 3 != 2))
        {
            var application = new Application(Guid.NewGuid(), campaign.Id, enterprise.Id, TrackFor(enterprise), At(campaign.SelfAssessmentFrom));
            AddFacts(campaign, enterprise, facts, synthetic, verified: false);
            var steps = random.Int(0, 3);
            if (steps >= 1) application.Submit(At(campaign.SelfAssessmentFrom.AddDays(30)));
            if (steps >= 2) application.StartReview();
            if (steps >= 3) application.Return("请补充劳动合同签订情况的证明材料 / please add evidence of signed labour contracts");
            db.Applications.Add(application);
        }
    }

    private List<Fact> AddFacts(Campaign campaign, Enterprise enterprise, SyntheticFacts facts, SyntheticEnterprises synthetic, bool verified)
    {
        var resolved = catalogues.For(campaign, enterprise).Catalogue;
        var made = facts.For(enterprise, resolved)
            .Select(v => NewFact(campaign, enterprise, resolved.FindInput(v.Key)!.Source, v.Key, v.Value))
            .ToList();
        // Some enterprises claim full insurance coverage; the bureau's own record is what gets scored.
        if (synthetic.Faker.Random.Bool(0.2f) && made.FirstOrDefault(f => f.InputId == "employees") is { } employees)
            made.Add(NewFact(campaign, enterprise, "enterprise", "social_insurance_insured", employees.ValueText));
        if (verified) foreach (var f in made.Where(f => f.Origin != FactOrigin.Department)) f.Verify(VerificationStatus.Verified, "现场核验 / checked on site");
        db.Facts.AddRange(made);
        return made;
    }

    private Fact NewFact(Campaign campaign, Enterprise enterprise, string source, string inputId, string value)
    {
        var (origin, department) = Fact.OriginOf(source);
        var suppliedBy = origin == FactOrigin.Department ? $"{source} import" : origin.ToString().ToLowerInvariant();
        // Each kind of fact arrives in its own phase: self-assessment first, department data after, surveys and visits in review.
        var day = origin switch
        {
            FactOrigin.Enterprise => campaign.SelfAssessmentFrom.AddDays(14),
            FactOrigin.Department => campaign.DepartmentDataFrom.AddDays(14),
            _ => campaign.ReviewFrom.AddDays(14),
        };
        // The open round's later phases lie ahead: nothing on file is dated after the day of seeding.
        if (day > _today) day = _today;
        return new Fact(Guid.NewGuid(), campaign.Id, enterprise.Id, inputId, FactValue.From(value), origin, department, null,
            suppliedBy, At(day));
    }

    /// <summary>
    /// Demo history happens at ten in the morning, Beijing time, on the day given, but never later than the moment of
    /// seeding: a value seeded "today" at 10:00 while the demo starts at 09:00 would be dated after a correction an
    /// officer makes at 09:30, and the history would show the correction first (issue 17).
    /// </summary>
    private DateTime At(DateOnly day)
    {
        var at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        return at < _now ? at : _now.AddMinutes(-1);
    }

    private static Track TrackFor(Enterprise e) => e.SizeClass is SizeClass.Micro ? Track.SmallEnterprise : Track.Full;

    private async Task<List<DemoAccount>> CreateAccountsAsync(Enterprise enterprise, DateTime now)
    {
        var made = new List<DemoAccount>();
        await AddAsync(made, Account.ForCentre(Guid.NewGuid(), "admin", "评价中心管理员", Role.Administrator, now), "评价中心管理员 centre administrator");
        await AddAsync(made, Account.ForCentre(Guid.NewGuid(), "reviewer", "评审员", Role.Reviewer, now), "评审员 reviewer");
        await AddAsync(made, Account.ForDepartment(Guid.NewGuid(), "hrss", "人社局经办人", "hrss", now), "人社局 department officer");
        await AddAsync(made, Account.ForEnterprise(Guid.NewGuid(), "enterprise", enterprise.Name, enterprise.Id, now),
            $"{enterprise.Name} {enterprise.CreditCode}");
        return made;
    }

    private async Task AddAsync(List<DemoAccount> made, Account user, string note)
    {
        var password = AccountService.NewPassword();
        var result = await accounts.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        made.Add(new DemoAccount(user.Role.ToString(), user.UserName, password, note));
    }
}
