using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Measures;

/// <summary>
/// Every rule of the joint rule set with the facts that make it fire and the facts that must not (one session per
/// case, as the keeper runs it). The set is compiled once for the class, as the app does.
/// </summary>
public sealed class JointRulesTests
{
    private static readonly JointRuleSet Rules = new();
    private static readonly DateOnly Day = new(2018, 6, 15);
    private static readonly Today Now = new(Day);
    private static readonly IReadOnlyList<(string, string, string)> Levels = [("star1", "一星", "One star"), ("star2", "二星", "Two stars"), ("star3", "三星", "Three stars")];

    private static RatingFact Rating(Grade grade, DateOnly? from = null, DateOnly? to = null, DateOnly? revokedOn = null) =>
        new(Guid.NewGuid(), 2017, grade, revokedOn is null ? RatingStatus.Published : RatingStatus.Revoked,
            from ?? new DateOnly(2017, 10, 1), to ?? new DateOnly(2019, 9, 30), revokedOn);

    private static EventFact Event(DateOnly on, params string[] vetoes) =>
        new(Guid.NewGuid(), "safety", "应急管理局", "Emergency Management Bureau", "fatal_or_general_accidents", "事故", "accidents", "1", on, vetoes);

    private static ClassFact Class(string department, Grade grade, DateOnly? on = null) =>
        new(department, department, department, grade, on ?? Day.AddDays(-10));

    private static SmeLevelFact Level(string? level, DateOnly? since = null, DateOnly? validUntil = null, DateOnly? bannedUntil = null) =>
        new(level, since, validUntil, bannedUntil, Levels, VetoWaitMonths: 12, LapseDrop: 1);

    private static JointOutcome Run(params object[] facts) => Rules.Evaluate([Now, .. facts]);

    private static List<(string Rule, string Measure, string Department)> Fired(params object[] facts) =>
        [.. Run(facts).Measures.Select(m => (m.Rule, m.Measure.Id, m.DepartmentId))];

    [Fact]
    public void TheRuleSetHoldsEveryRuleClass()
    {
        JointRuleSet.Types.Count.ShouldBe(17);
        JointRuleSet.Types.ShouldAllBe(t => t.Namespace == typeof(JointRuleSet).Namespace);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void AStandingAOrBRating_GivesTheFiveIncentives_ForItsValidity(string grade)
    {
        var rating = Rating(Enum.Parse<Grade>(grade));
        var measures = Run(rating).Measures.Where(m => m.Rule.StartsWith("rating-", StringComparison.Ordinal)).ToList();

        measures.Select(m => (m.Measure.Id, m.DepartmentId)).ShouldBe(
            [("special-funds", "econ"), ("rate-adjustment", "hrss"), ("public-services", "civil"), ("honours-eligible", "union"), ("tax-rebate-priority", "tax")],
            ignoreOrder: true);
        measures.ShouldAllBe(m => m.StartsOn == rating.ValidFrom && m.EndsOn == rating.ValidTo && m.Measure.Kind == MeasureKind.Incentive);
        measures.ShouldAllBe(m => m.Because.Count == 1 && ReferenceEquals(m.Because[0], rating)); // why: this rating matched
        measures[0].Because[0].Zh.ShouldContain("2017年度评价等级");
    }

    [Fact]
    public void NoRatingIncentive_ForGradeC_D_ARevokedRating_AnExpiredOne_OrOneNotYetValid()
    {
        foreach (var rating in new[]
                 {
                     Rating(Grade.C), Rating(Grade.D), Rating(Grade.A, revokedOn: Day.AddDays(-3)),
                     Rating(Grade.A, from: new DateOnly(2015, 10, 1), to: Day.AddDays(-1)), Rating(Grade.A, from: Day.AddDays(1)),
                 })
            Fired(rating).ShouldNotContain(f => f.Rule.StartsWith("rating-", StringComparison.Ordinal), rating.Zh);
    }

    [Fact]
    public void AVetoEventInTheLastYear_WithholdsTheRatingIncentives_AnOlderOneOrOneWithoutAVetoDoesNot()
    {
        Fired(Rating(Grade.A), Event(Day.AddMonths(-3), "V01")).ShouldNotContain(f => f.Rule.StartsWith("rating-", StringComparison.Ordinal));
        Fired(Rating(Grade.A), Event(Day.AddYears(-1).AddDays(-1), "V01")).Count(f => f.Rule.StartsWith("rating-", StringComparison.Ordinal)).ShouldBe(5);
        Fired(Rating(Grade.A), Event(Day.AddDays(-3))).Count(f => f.Rule.StartsWith("rating-", StringComparison.Ordinal)).ShouldBe(5);
    }

    [Fact]
    public void GradeA_FewerInspectionsByTheCreditOffice_NotForB()
    {
        Fired(Rating(Grade.A)).ShouldContain(("grade-a-fewer-inspections", "fewer-inspections", "credit"));
        Fired(Rating(Grade.B)).ShouldNotContain(f => f.Rule == "grade-a-fewer-inspections");
        Fired(Rating(Grade.A, revokedOn: Day.AddDays(-1))).ShouldNotContain(f => f.Rule == "grade-a-fewer-inspections");
    }

    [Fact]
    public void GradeD_KeySupervisionByTheCreditOffice_NotForC()
    {
        Fired(Rating(Grade.D)).ShouldContain(("grade-d-key-supervision", "key-supervision", "credit"));
        Fired(Rating(Grade.C)).ShouldNotContain(f => f.Rule == "grade-d-key-supervision");
    }

    [Fact]
    public void ADepartmentsClassA_FewerInspectionsByThatDepartment_FromTheClassDate_ClassBOrAFutureClassGivesNothing()
    {
        var measure = Run(Class("tax", Grade.A)).Measures.Single();
        (measure.Rule, measure.Measure.Id, measure.DepartmentId, measure.StartsOn, measure.EndsOn)
            .ShouldBe(("class-a-fewer-inspections", "fewer-inspections", "tax", Day.AddDays(-10), (DateOnly?)null));
        Run(Class("tax", Grade.B)).Measures.ShouldBeEmpty();
        Run(Class("tax", Grade.A, Day.AddDays(1))).Measures.ShouldBeEmpty();
    }

    [Fact]
    public void ADepartmentsClassD_KeySupervisionByThatDepartment_ClassCGivesNothing()
    {
        Fired(Class("env", Grade.D)).ShouldBe([("class-d-key-supervision", "key-supervision", "env")]);
        Fired(Class("env", Grade.C)).ShouldBeEmpty();
    }

    [Fact]
    public void AVetoEvent_BarsHonoursForAYearFromItsDate_AnEventWithoutAVetoOrOlderThanAYearDoesNot()
    {
        var measure = Run(Event(Day.AddMonths(-2), "V01")).Measures.Single();
        (measure.Rule, measure.Measure.Id, measure.DepartmentId, measure.Measure.Kind).ShouldBe(("veto-event-honours-barred", "honours-barred", "union", MeasureKind.Sanction));
        (measure.StartsOn, measure.EndsOn).ShouldBe((Day.AddMonths(-2), (DateOnly?)Day.AddMonths(-2).AddYears(1).AddDays(-1)));
        measure.Because.Single().Zh.ShouldContain("一票否决 V01");
        Run(Event(Day.AddDays(-1))).Measures.ShouldBeEmpty();
        Run(Event(Day.AddYears(-1), "V01")).Measures.ShouldBeEmpty(); // a year ago: yesterday was the last day
        Run(Event(Day.AddYears(-1).AddDays(1), "V01")).Measures.Count.ShouldBe(1); // today is its last day
    }

    [Fact]
    public void ARevokedRating_BarsHonoursUntilItsFormerEnd_NotAfter_AndNotAStandingOne()
    {
        var revoked = Rating(Grade.A, revokedOn: Day.AddDays(-5));
        var measure = Run(revoked).Measures.Single();
        (measure.Rule, measure.StartsOn, measure.EndsOn).ShouldBe(("revoked-rating-honours-barred", Day.AddDays(-5), (DateOnly?)revoked.ValidTo));
        Run(Rating(Grade.A, from: new DateOnly(2015, 1, 1), to: Day.AddDays(-1), revokedOn: new DateOnly(2016, 1, 1))).Measures.ShouldBeEmpty();
        Fired(Rating(Grade.A)).ShouldNotContain(f => f.Rule == "revoked-rating-honours-barred");
    }

    [Fact]
    public void ASmallEnterprisesValidLevel_GivesSupport_ForItsValidity()
    {
        var measure = Run(Level("star2", Day.AddMonths(-6), Day.AddYears(2))).Measures.Single();
        (measure.Rule, measure.Measure.Id, measure.DepartmentId, measure.StartsOn, measure.EndsOn)
            .ShouldBe(("sme-support", "sme-support", "econ", Day.AddMonths(-6), (DateOnly?)Day.AddYears(2)));
        measure.Because.OfType<EffectiveLevelFact>().Single().Lapsed.ShouldBeFalse();
        Run(Level(null)).Measures.ShouldBeEmpty();
    }

    [Fact]
    public void ALapsedCertificate_DropsOneLevel_BelowTheLowestThereIsNone()
    {
        var lapsed = Run(Level("star2", new DateOnly(2015, 1, 1), Day.AddDays(-1))).Measures.Single();
        var effective = lapsed.Because.OfType<EffectiveLevelFact>().Single();
        (effective.Level, effective.Lapsed, lapsed.StartsOn, lapsed.EndsOn).ShouldBe(("star1", true, Day, (DateOnly?)null));
        effective.Zh.ShouldContain("降为 一星");
        Run(Level("star1", new DateOnly(2015, 1, 1), Day.AddDays(-1))).Measures.ShouldBeEmpty();
        Run(Level("star2", new DateOnly(2015, 1, 1), Day)).Measures.Single().Because.OfType<EffectiveLevelFact>().Single().Lapsed.ShouldBeFalse();
    }

    [Fact]
    public void TheWaitAfterAVeto_IsASanctionUntilTheBanEnds_NotAfter()
    {
        var measure = Run(Level(null, bannedUntil: Day.AddMonths(4))).Measures.Single();
        (measure.Rule, measure.Measure.Id, measure.StartsOn, measure.EndsOn)
            .ShouldBe(("sme-wait-after-veto", "sme-wait", Day.AddMonths(4).AddMonths(-12), (DateOnly?)Day.AddMonths(4)));
        Run(Level(null, bannedUntil: Day.AddDays(-1))).Measures.ShouldBeEmpty();
    }

    [Fact]
    public void AVetoOnAValidRating_OpensACase_UnlessOneIsOpenOrConfirmedForTheSameRatingAndVeto()
    {
        var veto = new VetoOnRatingFact(Guid.NewGuid(), Guid.NewGuid(), "V01", "死亡事故");
        Run(veto).Cases.Single().Veto.ShouldBe(veto);
        Run(veto, new KnownCaseFact(veto.RatingId, "V01")).Cases.ShouldBeEmpty();
        Run(veto, new KnownCaseFact(veto.RatingId, "V02")).Cases.Count.ShouldBe(1);
        Run(veto, new KnownCaseFact(Guid.NewGuid(), "V01")).Cases.Count.ShouldBe(1);
        Run().Cases.ShouldBeEmpty();
    }

    [Fact]
    public void AVetoRevokesASmallEnterprisesLevel_NotWithoutAVeto_NorWithoutALevel()
    {
        Run(Level("star2", Day.AddMonths(-1), Day.AddYears(2)), new VetoFiredFact("V02"), new VetoFiredFact("V01")).Revoke!.VetoIds.ShouldBe("V01,V02");
        Run(Level("star2", Day.AddMonths(-1), Day.AddYears(2))).Revoke.ShouldBeNull();
        Run(Level(null, bannedUntil: Day.AddMonths(3)), new VetoFiredFact("V01")).Revoke.ShouldBeNull();
        Run(new VetoFiredFact("V01")).Revoke.ShouldBeNull();
    }

    [Fact]
    public void OneEnterprisesFacts_GiveEachMeasureOnce_WithItsBasis()
    {
        var outcome = Run(Rating(Grade.A), Class("tax", Grade.A), Class("env", Grade.D));
        outcome.Measures.Count.ShouldBe(8);
        outcome.Measures.DistinctBy(m => m.Key).Count().ShouldBe(8);
        outcome.Measures.ShouldAllBe(m => m.Measure.Basis.DocumentZh.StartsWith("《", StringComparison.Ordinal) && m.Measure.Basis.ProvisionZh.Length > 0);
    }
}
