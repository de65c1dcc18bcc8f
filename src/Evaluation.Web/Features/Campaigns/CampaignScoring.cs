using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>One application of a campaign with its enterprise.</summary>
internal sealed record CampaignMember(Guid ApplicationId, ApplicationStatus Status, Track Track, Enterprise Enterprise);

/// <summary>A campaign's applications and their current facts, read in two queries.</summary>
internal sealed class CampaignPopulation(Campaign campaign, IReadOnlyList<CampaignMember> members, ILookup<Guid, Fact> facts)
{
    public Campaign Campaign { get; } = campaign;
    public IReadOnlyList<CampaignMember> Members { get; } = members;
    public ILookup<Guid, Fact> FactsByEnterprise { get; } = facts;
}

/// <summary>
/// Reads a whole campaign's applications and current facts for scoring it in memory (<see cref="Scorer.ScoreAll"/>):
/// the impact preview and an open campaign's dashboard. Nothing is stored.
/// </summary>
internal sealed class CampaignScoring(EvaluationDbContext db)
{
    public async Task<CampaignPopulation> LoadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var members = await db.Applications.AsNoTracking().Where(a => a.CampaignId == campaign.Id)
            .Join(db.Enterprises.AsNoTracking(), a => a.EnterpriseId, e => e.Id, (a, e) => new { a.Id, a.Status, a.Track, e })
            .ToListAsync(cancellationToken);
        // Only the columns fact selection reads: about twice as fast as whole entities for a city's facts.
        var rows = await db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaign.Id && f.SupersededById == null && f.Verification != VerificationStatus.Rejected)
            .Select(f => new { f.Id, f.EnterpriseId, f.InputId, f.ValueText, f.Origin, f.DepartmentId, f.SuppliedAt })
            .ToListAsync(cancellationToken);
        var facts = rows.Select(f => new Fact(f.Id, campaign.Id, f.EnterpriseId, f.InputId, FactValue.From(f.ValueText), f.Origin,
            f.DepartmentId, null, "", f.SuppliedAt));
        return new CampaignPopulation(campaign,
            [.. members.OrderBy(m => m.e.CreditCode, StringComparer.Ordinal).Select(m => new CampaignMember(m.Id, m.Status, m.Track, m.e))],
            facts.ToLookup(f => f.EnterpriseId));
    }
}
