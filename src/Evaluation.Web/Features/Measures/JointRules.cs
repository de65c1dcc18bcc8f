using Evaluation.Web.Features.Publication;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using NRules.RuleModel;

namespace Evaluation.Web.Features.Measures;

/// <summary>What one evaluation of the joint rules came to: the measures that apply and the consequences to carry out.</summary>
internal sealed record JointOutcome(IReadOnlyList<MeasureFiring> Measures, IReadOnlyList<OpenCase> Cases, RevokeSmallEnterpriseLevel? Revoke);

/// <summary>
/// Joint incentives and sanctions (联合奖惩) and the consequences of department events as an NRules rule set
/// (issue 19 part 2, ADR 0023). The rules are compiled once into a session factory (thread-safe); each evaluation
/// is a fresh session over one enterprise's facts. Every rule that gives a measure inserts a
/// <see cref="MeasureFiring"/> carrying its name and the facts that matched, so the page can say why.
/// </summary>
internal sealed class JointRuleSet
{
    private readonly ISessionFactory _factory;

    public JointRuleSet()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(s => s.PrivateTypes(true).Type([.. Types])));
        _factory = repository.Compile();
    }

    /// <summary>The rule classes, in the order the ADR lists them.</summary>
    public static IReadOnlyList<Type> Types { get; } = typeof(JointRuleSet).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(JointRuleSet).Namespace && typeof(Rule).IsAssignableFrom(t) && !t.IsAbstract).ToList();

    public JointOutcome Evaluate(IEnumerable<object> facts)
    {
        var session = _factory.CreateSession();
        session.InsertAll(facts);
        session.Fire();
        return new JointOutcome(
            [.. session.Query<MeasureFiring>().OrderBy(m => m.Measure.Kind).ThenBy(m => m.Measure.Id, StringComparer.Ordinal).ThenBy(m => m.StartsOn)],
            [.. session.Query<OpenCase>()], session.Query<RevokeSmallEnterpriseLevel>().FirstOrDefault());
    }
}

/// <summary>Shared by the rules: a measure that applies, with the rule that fired and what it matched (the date left out).</summary>
internal static class Firing
{
    public static void Measure(IContext ctx, JointMeasure measure, string department, DateOnly startsOn, DateOnly? endsOn) =>
        ctx.Insert(new MeasureFiring(measure, department, startsOn, endsOn, ctx.Rule.Name,
            [.. ctx.Match.Facts.Select(f => f.Value).OfType<IExplainedFact>().Where(f => f is not Today)]));

    /// <summary>A one-year period from a date: the day before the anniversary is its last.</summary>
    public static DateOnly YearFrom(DateOnly day) => day.AddYears(1).AddDays(-1);
}

// ---- incentives of a standing rating (A or B: a harmonious enterprise) ----

/// <summary>A rating that stands today, A or B, and no veto event in the last year: the incentive applies for the rating's validity.</summary>
internal abstract class StandingRatingRule(JointMeasure measure, string department) : Rule
{
    public override void Define()
    {
        Today today = null!;
        RatingFact rating = null!;
        When()
            .Match(() => today)
            .Match(() => rating, r => r.Grade == Grade.A || r.Grade == Grade.B, r => r.StandsOn(today.Date))
            .Not<EventFact>(e => e.Vetoes.Count > 0, e => e.OccurredOn <= today.Date, e => Firing.YearFrom(e.OccurredOn) >= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, measure, department, rating.ValidFrom, rating.ValidTo));
    }
}

[Name("rating-special-funds"), Description("评价等级 A/B 有效：政府专项资金安排优先优惠（经信局）")]
internal sealed class SpecialFundsRule() : StandingRatingRule(JointMeasures.SpecialFunds, "econ");

[Name("rating-rate-adjustment"), Description("评价等级 A/B 有效：费率调整优先优惠（人社局）")]
internal sealed class RateAdjustmentRule() : StandingRatingRule(JointMeasures.RateAdjustment, "hrss");

[Name("rating-public-services"), Description("评价等级 A/B 有效：公共服务优先（民政局）")]
internal sealed class PublicServicesRule() : StandingRatingRule(JointMeasures.PublicServices, "civil");

[Name("rating-honours-eligible"), Description("评价等级 A/B 有效且一年内无一票否决事项：具备评比和政治安排的必要条件（总工会）")]
internal sealed class HonoursEligibleRule() : StandingRatingRule(JointMeasures.HonoursEligible, "union");

[Name("rating-tax-rebate"), Description("评价等级 A/B 有效：税收返还、土地安排优先（税务局）")]
internal sealed class TaxRebateRule() : StandingRatingRule(JointMeasures.TaxRebatePriority, "tax");

// ---- supervision by grade and class ----

[Name("grade-a-fewer-inspections"), Description("综合评价等级 A 有效：减少或免于日常检查（信用办）")]
internal sealed class GradeAFewerInspectionsRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        RatingFact rating = null!;
        When().Match(() => today).Match(() => rating, r => r.Grade == Grade.A, r => r.StandsOn(today.Date));
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.FewerInspections, "credit", rating.ValidFrom, rating.ValidTo));
    }
}

[Name("class-a-fewer-inspections"), Description("部门监管分类 A 类：该部门减少或免于日常检查")]
internal sealed class ClassAFewerInspectionsRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        ClassFact @class = null!;
        When().Match(() => today).Match(() => @class, c => c.Class == Grade.A, c => c.EffectiveOn <= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.FewerInspections, @class.DepartmentId, @class.EffectiveOn, null));
    }
}

[Name("grade-d-key-supervision"), Description("综合评价等级 D 有效：列为重点监管对象（信用办）")]
internal sealed class GradeDKeySupervisionRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        RatingFact rating = null!;
        When().Match(() => today).Match(() => rating, r => r.Grade == Grade.D, r => r.StandsOn(today.Date));
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.KeySupervision, "credit", rating.ValidFrom, rating.ValidTo));
    }
}

[Name("class-d-key-supervision"), Description("部门监管分类 D 类：该部门实施重点监管")]
internal sealed class ClassDKeySupervisionRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        ClassFact @class = null!;
        When().Match(() => today).Match(() => @class, c => c.Class == Grade.D, c => c.EffectiveOn <= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.KeySupervision, @class.DepartmentId, @class.EffectiveOn, null));
    }
}

// ---- sanctions after a veto event or a revocation ----

[Name("veto-event-honours-barred"), Description("发生一票否决事项：一年内不得参加各类评比和政治安排（总工会）")]
internal sealed class VetoEventHonoursBarredRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        EventFact @event = null!;
        When().Match(() => today)
            .Match(() => @event, e => e.Vetoes.Count > 0, e => e.OccurredOn <= today.Date, e => Firing.YearFrom(e.OccurredOn) >= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.HonoursBarred, "union", @event.OccurredOn, Firing.YearFrom(@event.OccurredOn)));
    }
}

[Name("revoked-rating-honours-barred"), Description("评价等级被撤销：原有效期内不得参加各类评比和政治安排（总工会）")]
internal sealed class RevokedRatingHonoursBarredRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        RatingFact rating = null!;
        When().Match(() => today)
            .Match(() => rating, r => r.Status == RatingStatus.Revoked, r => r.RevokedOn != null && r.RevokedOn <= today.Date, r => r.ValidTo >= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.HonoursBarred, "union", rating.RevokedOn!.Value, rating.ValidTo));
    }
}

// ---- small enterprises' levels ----

[Name("sme-level-in-force"), Description("小微企业等级在有效期内：按所持等级")]
internal sealed class LevelInForceRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        SmeLevelFact level = null!;
        When().Match(() => today).Match(() => level, l => l.Level != null, l => l.ValidUntil == null || l.ValidUntil >= today.Date);
        Then().Do(ctx => ctx.Insert(new EffectiveLevelFact(level.Level!, level.Levels[level.Index].Zh, level.Levels[level.Index].En,
            level.Since ?? today.Date, level.ValidUntil, Lapsed: false)));
    }
}

/// <summary>
/// A certificate past its validity without renewal counts one level lower (the scheme's lapse_drop) until the next
/// cycle records the drop through SmePromotionRules; below the lowest level there is none.
/// </summary>
[Name("sme-lapsed-drops-a-level"), Description("小微企业等级证书到期未复评：降一级")]
internal sealed class LapsedLevelDropsRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        SmeLevelFact level = null!;
        When().Match(() => today)
            .Match(() => level, l => l.Level != null, l => l.ValidUntil != null && l.ValidUntil < today.Date, l => l.Index - l.LapseDrop >= 0);
        Then().Do(ctx => ctx.Insert(new EffectiveLevelFact(level.Levels[level.Index - level.LapseDrop].Id,
            level.Levels[level.Index - level.LapseDrop].Zh, level.Levels[level.Index - level.LapseDrop].En,
            level.ValidUntil!.Value.AddDays(1), null, Lapsed: true)));
    }
}

[Name("sme-support"), Description("小微企业持有效等级：分项创建等级扶持（经信局）")]
internal sealed class SmallEnterpriseSupportRule : Rule
{
    public override void Define()
    {
        EffectiveLevelFact level = null!;
        When().Match(() => level);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.SmallEnterpriseSupport, "econ", level.From, level.Until));
    }
}

[Name("sme-wait-after-veto"), Description("小微企业一票否决后的等待期：暂停等级申报（总工会）")]
internal sealed class SmallEnterpriseWaitRule : Rule
{
    public override void Define()
    {
        Today today = null!;
        SmeLevelFact level = null!;
        When().Match(() => today).Match(() => level, l => l.Level == null, l => l.BannedUntil != null && l.BannedUntil >= today.Date);
        Then().Do(ctx => Firing.Measure(ctx, JointMeasures.SmallEnterpriseWait, "union",
            level.BannedUntil!.Value.AddMonths(-level.VetoWaitMonths), level.BannedUntil));
    }
}

// ---- consequences of a department event (were SupervisionRecorder.ApplyAsync's code) ----

/// <summary>A veto the event fires on a valid published rating opens a case, unless one for the rating and veto is open or confirmed.</summary>
[Name("veto-after-publication-opens-case"), Description("已发布且有效的评价等级被事件触发一票否决：立案交评价中心处理")]
internal sealed class VetoOpensCaseRule : Rule
{
    public override void Define()
    {
        VetoOnRatingFact veto = null!;
        When().Match(() => veto).Not<KnownCaseFact>(k => k.RatingId == veto.RatingId && k.VetoId == veto.VetoId);
        Then().Do(ctx => ctx.Insert(new OpenCase(veto)));
    }
}

/// <summary>A veto revokes a small enterprise's level at once, with the scheme's wait (SmeLevels applies it).</summary>
[Name("veto-revokes-sme-level"), Description("小微企业发生一票否决事项：立即撤销等级并等待一年")]
internal sealed class VetoRevokesLevelRule : Rule
{
    public override void Define()
    {
        SmeLevelFact level = null!;
        IEnumerable<VetoFiredFact> vetoes = null!;
        When().Match(() => level, l => l.Level != null)
            .Query(() => vetoes, q => q.Match<VetoFiredFact>().Collect().Where(c => c.Any()));
        Then().Do(ctx => ctx.Insert(new RevokeSmallEnterpriseLevel(string.Join(",", vetoes.Select(v => v.VetoId).Order(StringComparer.Ordinal)))));
    }
}
