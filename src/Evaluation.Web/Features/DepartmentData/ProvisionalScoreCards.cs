using Evaluation.Engine;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// The engine run on an enterprise's current facts (department values first, FactSelection), before any
/// review: so a veto event a department enters shows at once, not only when the centre scores.
/// Nothing is stored; the frozen snapshot is still the Scorer's job. An <c>overlay</c> fact replaces the same
/// department's current value of its input, to ask "what would this event do" before (or without) storing it.
/// </summary>
internal sealed class ProvisionalScoreCards(EvaluationDbContext db, Scorer scorer)
{
    /// <summary>The result: a ScoreCard, or why the facts cannot be scored.</summary>
    public async Task<ScoreResult> ResultAsync(Campaign campaign, Enterprise enterprise, CancellationToken cancellationToken,
        Facts.Fact? overlay = null)
    {
        var facts = await db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == enterprise.Id && f.SupersededById == null)
            .ToListAsync(cancellationToken);
        if (overlay is not null)
        {
            facts.RemoveAll(f => f.InputId == overlay.InputId && f.DepartmentId == overlay.DepartmentId);
            facts.Add(overlay);
        }
        return scorer.Score(campaign, enterprise, facts);
    }

    /// <summary>The ScoreCard, or null when the facts cannot be scored (<see cref="ResultAsync"/> says why).</summary>
    public async Task<ScoreCard?> ForAsync(Campaign campaign, Enterprise enterprise, CancellationToken cancellationToken,
        Facts.Fact? overlay = null) =>
        (await ResultAsync(campaign, enterprise, cancellationToken, overlay)).Card;
}
