using Evaluation.Engine.Sme;
using Evaluation.Engine.Tests.Golden;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Tests.Sme;

public sealed class SmePromotionTests
{
    private static readonly SmeScheme Scheme = NingboGoldenTests.Ningbo.Sme!;
    private static readonly DateOnly Today = new(2019, 6, 30);

    private static SmeAssessmentResult Assessment(string passed, string grade = "C", bool vetoed = false)
    {
        var ids = passed.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new SmeAssessmentResult([.. Scheme.Modules.Select(m => new ModuleResult(m.Id, m.Name, 0, 0, ids.Contains(m.Id)))], vetoed, grade);
    }

    private static SmeStanding Holding(string? level, int monthsAgo, int validForMonths = 24, DateOnly? banned = null) =>
        new(level, level is null ? null : Today.AddMonths(-monthsAgo), level is null ? null : Today.AddMonths(validForMonths), banned);

    public static TheoryData<string, SmeStanding, SmeAssessmentResult, bool, string?, SmeReason> Rules => new()
    {
        { "a first level needs M1 M2 M3", SmeStanding.None, Assessment("M1 M2 M3"), false, "star1", SmeReason.Promoted },
        { "only one level up per cycle, however much is met", SmeStanding.None, Assessment("M1 M2 M3 M4 M5 M6 M7", "A"), true, "star1", SmeReason.Promoted },
        { "after 12 months the next level", Holding("star1", 13), Assessment("M1 M2 M3 M4 M5"), false, "star2", SmeReason.Promoted },
        { "a level is held 12 months before the next", Holding("star1", 6), Assessment("M1 M2 M3 M4 M5"), false, "star1", SmeReason.HeldTooShort },
        { "exactly 12 months is enough", Holding("star1", 12), Assessment("M1 M2 M3 M4 M5"), false, "star2", SmeReason.Promoted },
        { "three stars need the on-site review", Holding("star2", 13), Assessment("M1 M2 M3 M4 M5", "B"), false, "star2", SmeReason.Renewed },
        { "three stars with grade B and the review", Holding("star2", 13), Assessment("M1 M2 M3 M4 M5", "B"), true, "star3", SmeReason.Promoted },
        { "model needs grade A", Holding("star3", 13), Assessment("M1 M2 M3 M4 M5 M6", "B"), true, "star3", SmeReason.Renewed },
        { "model with grade A and the review", Holding("star3", 13), Assessment("M1 M2 M3 M4 M5 M6", "A"), true, "model", SmeReason.Promoted },
        { "levels are cumulative: grade A without M1 earns nothing", SmeStanding.None, Assessment("M2 M3 M4 M5 M6 M7", "A"), true, null, SmeReason.NotMet },
        { "a veto revokes at once", Holding("star3", 30), Assessment("M1 M2 M3 M4 M5", "D", vetoed: true), true, null, SmeReason.Revoked },
        { "a year's wait after a veto", Holding(null, 0, banned: Today.AddMonths(3)), Assessment("M1 M2 M3"), false, null, SmeReason.WaitingAfterVeto },
        { "after the wait, start again", Holding(null, 0, banned: Today), Assessment("M1 M2 M3"), false, "star1", SmeReason.Promoted },
        { "falling short keeps a valid certificate", Holding("star2", 13), Assessment("M1 M2 M3"), false, "star2", SmeReason.Kept },
        { "a lapsed certificate drops one level", Holding("star2", 40, validForMonths: -1), Assessment("M1 M2 M3 M4 M5"), false, "star1", SmeReason.HeldTooShort },
        { "a lapsed first level drops to none", Holding("star1", 40, validForMonths: -1), Assessment("M1"), false, null, SmeReason.Lapsed },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Decide_FollowsTheRollingPromotionRules(string rule, SmeStanding current, SmeAssessmentResult assessment, bool onsite, string? level, SmeReason reason)
    {
        var decision = SmePromotionRules.Decide(Scheme, current, assessment, onsite, Today);

        decision.Standing.Level.ShouldBe(level, rule);
        decision.Reason.ShouldBe(reason, rule);
    }

    [Fact]
    public void Decide_Promotion_IsValidThreeYears()
    {
        var decision = SmePromotionRules.Decide(Scheme, SmeStanding.None, Assessment("M1 M2 M3"), false, Today);

        decision.Standing.Since.ShouldBe(Today);
        decision.Standing.ValidUntil.ShouldBe(new DateOnly(2022, 6, 30));
    }

    [Fact]
    public void Decide_Veto_BansForTwelveMonths()
    {
        var decision = SmePromotionRules.Decide(Scheme, Holding("star2", 20), Assessment("", vetoed: true), false, Today);

        decision.Standing.BannedUntil.ShouldBe(new DateOnly(2020, 6, 30));
    }

    [Fact]
    public void Decide_Lapse_SaysWhatWasLost()
    {
        var decision = SmePromotionRules.Decide(Scheme, Holding("star2", 40, validForMonths: -1), Assessment("M1 M2 M3"), false, Today);

        decision.LapsedFrom.ShouldBe("star2");
        decision.Standing.Level.ShouldBe("star1");
    }

    [Fact]
    public void Promotion_TimeWindows_AreTheDurationsWrittenInSmeYaml()
    {
        Scheme.Promotion.Hold.ShouldBe(new FeelYearsMonths(12));
        Scheme.Promotion.Validity.ToString().ShouldBe("P3Y");
        Scheme.Promotion.VetoWait.Months.ShouldBe(12);
    }

    [Theory]
    [InlineData("hold: P30D", "hold must be a years-and-months duration such as P12M or P3Y (up to P100Y), not 'P30D'")]
    [InlineData("validity: three years", "validity must be a years-and-months duration such as P12M or P3Y (up to P100Y), not 'three years'")]
    public void Load_PromotionWindowThatIsNotAYearsAndMonthsDuration_IsAPositionedError(string window, string message)
    {
        var source = Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1");
        var copy = Directory.CreateTempSubdirectory("sme-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var sme = Path.Combine(copy.FullName, "sme.yaml");
            var key = window.Split(':')[0];
            var text = File.ReadAllText(sme);
            var written = key == "hold" ? "hold: P12M" : "validity: P3Y";
            text.ShouldContain(written);
            File.WriteAllText(sme, text.Replace(written, window, StringComparison.Ordinal));
            var errors = new List<CatalogueError>();

            CatalogueLoader.LoadDirectory(copy.FullName, errors);

            var error = errors.ShouldHaveSingleItem();
            error.Message.ShouldBe(message);
            error.File.ShouldEndWith("sme.yaml");
            error.Line.ShouldBe(22);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
