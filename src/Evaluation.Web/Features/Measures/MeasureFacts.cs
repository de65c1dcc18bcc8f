using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Measures;

// The facts the joint rule set (JointRules) matches, and what its rules insert. Every fact can say what it is in
// both languages, so a firing explains itself: "this measure applies because these facts matched this rule".

/// <summary>A fact that can be named on a page: what it is, in Chinese and English.</summary>
internal interface IExplainedFact
{
    string Zh { get; }
    string En { get; }
}

/// <summary>The date the rules are evaluated on (Ningbo's calendar day).</summary>
internal sealed record Today(DateOnly Date) : IExplainedFact
{
    public string Zh => $"评估日 {Date:yyyy-MM-dd}";
    public string En => $"evaluated on {Date:yyyy-MM-dd}";
}

/// <summary>One of the enterprise's published ratings (综合评价等级), standing or revoked.</summary>
internal sealed record RatingFact(Guid RatingId, int Year, Grade Grade, RatingStatus Status, DateOnly ValidFrom, DateOnly ValidTo,
    DateOnly? RevokedOn) : IExplainedFact
{
    public bool StandsOn(DateOnly day) => Status == RatingStatus.Published && ValidFrom <= day && ValidTo >= day;

    public string Zh => Status == RatingStatus.Published
        ? $"{Year}年度评价等级 {Grade}，有效期 {ValidFrom:yyyy-MM-dd} 至 {ValidTo:yyyy-MM-dd}"
        : $"{Year}年度评价等级 {Grade} 于 {RevokedOn:yyyy-MM-dd} 撤销（原有效期至 {ValidTo:yyyy-MM-dd}）";

    public string En => Status == RatingStatus.Published
        ? $"{Year} rating {Grade}, valid {ValidFrom:yyyy-MM-dd} to {ValidTo:yyyy-MM-dd}"
        : $"{Year} rating {Grade} revoked on {RevokedOn:yyyy-MM-dd} (was valid to {ValidTo:yyyy-MM-dd})";
}

/// <summary>A department's current supervision class (监管分类 A–D) of the enterprise: its latest, from its date.</summary>
internal sealed record ClassFact(string DepartmentId, string DepartmentZh, string DepartmentEn, Grade Class, DateOnly EffectiveOn) : IExplainedFact
{
    public string Zh => $"{DepartmentZh}监管分类 {Class} 类（自 {EffectiveOn:yyyy-MM-dd}）";
    public string En => $"{DepartmentEn} supervision class {Class} (from {EffectiveOn:yyyy-MM-dd})";
}

/// <summary>A dated department event; <see cref="Vetoes"/> are the one-vote vetoes its input is read by (empty: none).</summary>
internal sealed record EventFact(Guid EventId, string DepartmentId, string DepartmentZh, string DepartmentEn, string InputId,
    string LabelZh, string LabelEn, string Value, DateOnly OccurredOn, IReadOnlyList<string> Vetoes) : IExplainedFact
{
    public string Zh => $"{DepartmentZh} {OccurredOn:yyyy-MM-dd} 记录：{LabelZh}（{Value}）" + (Vetoes.Count > 0 ? $"，一票否决 {string.Join("、", Vetoes)}" : "");
    public string En => $"{DepartmentEn} recorded on {OccurredOn:yyyy-MM-dd}: {LabelEn} ({Value})" + (Vetoes.Count > 0 ? $", one-vote veto {string.Join(", ", Vetoes)}" : "");
}

/// <summary>
/// A small enterprise's level in the rolling-promotion scheme (小微企业等级) as stored, with the scheme's levels (in
/// order), its wait after a veto and the levels a lapsed certificate loses.
/// </summary>
internal sealed record SmeLevelFact(string? Level, DateOnly? Since, DateOnly? ValidUntil, DateOnly? BannedUntil,
    IReadOnlyList<(string Id, string Zh, string En)> Levels, int VetoWaitMonths, int LapseDrop) : IExplainedFact
{
    public int Index => Level is null ? -1 : Levels.Select((l, i) => (l, i)).First(x => x.l.Id == Level).i;

    public string Zh => Level is not null
        ? $"小微企业等级 {Levels[Index].Zh}，自 {Since:yyyy-MM-dd}，有效期至 {ValidUntil:yyyy-MM-dd}"
        : BannedUntil is { } b ? $"小微企业一票否决后等待至 {b:yyyy-MM-dd}" : "未获小微企业等级";

    public string En => Level is not null
        ? $"small-enterprise level {Levels[Index].En} since {Since:yyyy-MM-dd}, valid to {ValidUntil:yyyy-MM-dd}"
        : BannedUntil is { } b ? $"small-enterprise wait after a veto until {b:yyyy-MM-dd}" : "no small-enterprise level";
}

/// <summary>The level a small enterprise's measures go by: the one it holds, or one lower once its certificate lapsed.</summary>
internal sealed record EffectiveLevelFact(string Level, string LevelZh, string LevelEn, DateOnly From, DateOnly? Until, bool Lapsed) : IExplainedFact
{
    public string Zh => Lapsed ? $"证书到期未复评，等级降为 {LevelZh}（自 {From:yyyy-MM-dd}）" : $"有效等级 {LevelZh}";
    public string En => Lapsed ? $"certificate lapsed without renewal: level dropped to {LevelEn} (from {From:yyyy-MM-dd})" : $"level in force {LevelEn}";
}

// ---- the consequences of a department event (they were SupervisionRecorder's code; now rules) ----

/// <summary>The engine found that the event fires this veto on this rating's campaign (scored on a copy of its facts).</summary>
internal sealed record VetoOnRatingFact(Guid RatingId, Guid EventId, string VetoId, string VetoName) : IExplainedFact
{
    public string Zh => $"事件在评价等级所依据的数据上触发一票否决 {VetoId} {VetoName}";
    public string En => $"the event fires veto {VetoId} on the rating's facts";
}

/// <summary>A case already open or confirmed for this rating and veto (a repeated event joins it).</summary>
internal sealed record KnownCaseFact(Guid RatingId, string VetoId) : IExplainedFact
{
    public string Zh => $"已有案件 {VetoId}";
    public string En => $"a case for {VetoId} exists";
}

/// <summary>A veto the event fired, on the provisional ScoreCard or on a rating's facts.</summary>
internal sealed record VetoFiredFact(string VetoId) : IExplainedFact
{
    public string Zh => $"一票否决 {VetoId} 触发";
    public string En => $"veto {VetoId} fired";
}

/// <summary>Consequence: open a case for the centre on this rating and veto.</summary>
internal sealed record OpenCase(VetoOnRatingFact Veto);

/// <summary>Consequence: the small enterprise loses its level at once and waits (SmeLevels applies it through SmePromotionRules).</summary>
internal sealed record RevokeSmallEnterpriseLevel(string VetoIds);

/// <summary>A measure that applies, from the rule that fired, with the facts that matched.</summary>
internal sealed record MeasureFiring(JointMeasure Measure, string DepartmentId, DateOnly StartsOn, DateOnly? EndsOn, string Rule,
    IReadOnlyList<IExplainedFact> Because)
{
    /// <summary>What identifies the same measure between two evaluations.</summary>
    public (string, string, string, DateOnly) Key => (Measure.Id, DepartmentId, Rule, StartsOn);
}
