using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Engine.Sme;

/// <summary>Where an enterprise stands in the scheme: its level (null for none), since when, until when, and any ban after a veto.</summary>
public sealed record SmeStanding(string? Level, DateOnly? Since, DateOnly? ValidUntil, DateOnly? BannedUntil)
{
    /// <summary>An enterprise that has never held a level.</summary>
    public static SmeStanding None { get; } = new(null, null, null, null);
}

/// <summary>Why a decision came out as it did.</summary>
public enum SmeReason { Promoted, Renewed, HeldTooShort, NotMet, Revoked, WaitingAfterVeto, Lapsed, Kept }

/// <summary>The new standing and why.</summary>
public sealed record SmeDecision(SmeStanding Standing, SmeReason Reason, string? LapsedFrom = null);

/// <summary>
/// Rolling promotion (滚动晋级) as a pure function of the scheme, the current standing, the new assessment,
/// the on-site review and the date: one level up per cycle at most, a level held 12 months before the next,
/// certificates valid 3 years, a veto revokes at once with a one-year wait, and a lapsed certificate drops one level.
/// </summary>
public static class SmePromotionRules
{
    /// <summary>Decides the level an enterprise may hold after this cycle's assessment.</summary>
    public static SmeDecision Decide(SmeScheme scheme, SmeStanding current, SmeAssessmentResult assessment, bool onsiteReviewPassed, DateOnly today)
    {
        var p = scheme.Promotion;
        if (assessment.Vetoed)
            return new(new SmeStanding(null, null, null, Add(today, p.VetoWait)), SmeReason.Revoked);
        if (current.BannedUntil is { } banned && today < banned)
            return new(current with { Level = null, Since = null, ValidUntil = null }, SmeReason.WaitingAfterVeto);

        string? lapsedFrom = null;
        if (current.Level is not null && current.ValidUntil is { } until && until < today)
        {
            lapsedFrom = current.Level;
            var dropped = Index(scheme, current.Level) - p.LapseDrop;
            current = dropped >= 0 ? current with { Level = scheme.Levels[dropped].Id, Since = today, ValidUntil = Add(today, p.Validity) } : SmeStanding.None;
        }

        var held = Index(scheme, current.Level);
        var attainable = Index(scheme, SmeAssessment.Attainable(scheme, assessment, onsiteReviewPassed)?.Id);
        var validUntil = Add(today, p.Validity);
        if (attainable > held)
        {
            if (held >= 0 && current.Since is { } since && Add(since, p.Hold) > today)
                return new(current with { ValidUntil = current.ValidUntil ?? validUntil }, SmeReason.HeldTooShort, lapsedFrom);
            var next = Math.Min(attainable, held + p.StepsPerCycle);
            return new(new SmeStanding(scheme.Levels[next].Id, today, validUntil, null), SmeReason.Promoted, lapsedFrom);
        }
        if (attainable == held && held >= 0)
            return new(current with { ValidUntil = validUntil, BannedUntil = null }, SmeReason.Renewed, lapsedFrom);
        if (lapsedFrom is not null) return new(current, SmeReason.Lapsed, lapsedFrom);
        return new(current, held >= 0 ? SmeReason.Kept : SmeReason.NotMet);
    }

    // A date plus a years-and-months duration, the day clamped to the month's end (FEEL's date + duration).
    private static DateOnly Add(DateOnly date, FeelYearsMonths window) => date.AddMonths(checked((int)window.Months));

    private static int Index(SmeScheme scheme, string? level) =>
        level is null ? -1 : scheme.Levels.Select((l, i) => (l, i)).First(x => x.l.Id == level).i;
}
