using Evaluation.Web.Features.Shared;
using System.Collections.Immutable;
using Evaluation.Engine;
using Evaluation.Engine.Sme;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.SmallEnterprises;

/// <summary>
/// Small enterprises' levels (小微企业等级) kept one row per enterprise and changed only through
/// <see cref="SmePromotionRules"/>: a cycle's assessment promotes, renews or keeps; a veto revokes at once
/// and bans for the scheme's wait. The caller saves (so the change joins its transaction and audit reason).
/// </summary>
internal sealed class SmeLevels(EvaluationDbContext db, CampaignCatalogues catalogues, TimeProvider clock)
{
    private DateOnly Today => clock.NingboToday();

    /// <summary>Records this cycle's assessment of a small enterprise (review, on-site visit) and returns the decision.</summary>
    public async Task<SmeDecision?> RecordAssessmentAsync(Campaign campaign, Guid enterpriseId, SmeAssessmentResult assessment,
        bool onsiteReviewPassed, CancellationToken cancellationToken)
    {
        if (catalogues.VersionOf(campaign).Sme is not { } scheme) return null;
        var record = await RecordOfAsync(enterpriseId, create: true, cancellationToken);
        var decision = SmePromotionRules.Decide(scheme, record!.Standing, assessment, onsiteReviewPassed, Today);
        record.Apply(decision, clock.GetUtcNow().UtcDateTime);
        return decision;
    }

    /// <summary>
    /// Reads (or starts) the levels of many enterprises in one query, so recording their cycles one by one afterwards
    /// finds each in the context instead of querying for it (publication ends thousands of cycles at once).
    /// </summary>
    public async Task LoadAsync(Campaign campaign, IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken)
    {
        if (enterpriseIds.Count == 0 || catalogues.VersionOf(campaign).Sme is null) return;
        await db.Set<SmeStandingRecord>().Where(r => enterpriseIds.Contains(r.EnterpriseId)).LoadAsync(cancellationToken);
        var known = db.Set<SmeStandingRecord>().Local.Select(r => r.EnterpriseId).ToHashSet();
        foreach (var id in enterpriseIds.Where(id => !known.Contains(id))) db.Add(new SmeStandingRecord(id));
    }

    /// <summary>
    /// A small enterprise's cycle ends with its published ScoreCard: the modules it passed there, its grade on the full
    /// index and the on-site review's outcome decide the level (null for the full track, or a catalogue without the scheme).
    /// </summary>
    public async Task<SmeDecision?> RecordCycleAsync(Campaign campaign, Application application, ScoreCardSnapshot snapshot,
        CancellationToken cancellationToken)
    {
        if (application.Track != Track.SmallEnterprise) return null;
        if (catalogues.VersionOf(campaign).Sme is not { } scheme) return null;
        var card = ScoreCardJson.Read(snapshot.ScoreCardJson);
        var assessment = SmeAssessment.Assess(scheme, card.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal),
            card.Indicators.ToDictionary(i => i.Id, i => i.Max, StringComparer.Ordinal), card.Vetoed, card.Grade);
        return await RecordAssessmentAsync(campaign, application.EnterpriseId, assessment, application.OnSiteReviewPassed == true,
            cancellationToken);
    }

    /// <summary>A veto fired by a department event: an enterprise holding a level loses it and waits (null when it holds none).</summary>
    public async Task<SmeDecision?> RevokeForVetoAsync(Campaign campaign, Guid enterpriseId, string vetoIds, CancellationToken cancellationToken)
    {
        if (catalogues.VersionOf(campaign).Sme is not { } scheme) return null;
        var record = await RecordOfAsync(enterpriseId, create: false, cancellationToken);
        if (record?.Level is null) return null;
        var vetoed = new SmeAssessmentResult(ImmutableArray<ModuleResult>.Empty, Vetoed: true, Grade: "D");
        var decision = SmePromotionRules.Decide(scheme, record.Standing, vetoed, onsiteReviewPassed: false, Today);
        record.Apply(decision, clock.GetUtcNow().UtcDateTime);
        return decision;
    }

    /// <summary>The enterprise's level record, if it has one (the consequence rules read it).</summary>
    public Task<SmeStandingRecord?> StandingAsync(Guid enterpriseId, CancellationToken cancellationToken) =>
        RecordOfAsync(enterpriseId, create: false, cancellationToken);

    private async Task<SmeStandingRecord?> RecordOfAsync(Guid enterpriseId, bool create, CancellationToken cancellationToken)
    {
        var record = db.Set<SmeStandingRecord>().Local.FirstOrDefault(r => r.EnterpriseId == enterpriseId)
            ?? await db.Set<SmeStandingRecord>().SingleOrDefaultAsync(r => r.EnterpriseId == enterpriseId, cancellationToken);
        if (record is null && create) db.Add(record = new SmeStandingRecord(enterpriseId));
        return record;
    }
}
