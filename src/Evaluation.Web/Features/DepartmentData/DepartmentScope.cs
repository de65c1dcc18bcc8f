using Evaluation.Web.Features.Shared;
using System.Security.Claims;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Departments;
using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// What a department may write: the inputs whose catalogue `source` is the department (in the base index
/// or any industry variant), for the enterprises that applied to the campaign open for department data.
/// </summary>
internal sealed class DepartmentScope(EvaluationDbContext db, CampaignCatalogues catalogues, TimeProvider clock)
{
    /// <summary>The department's inputs in catalogue order, by id.</summary>
    public IReadOnlyDictionary<string, InputDefinition> InputsOf(Campaign campaign, string departmentId) =>
        Inputs(campaign, source => string.Equals(source, departmentId, StringComparison.Ordinal));

    /// <summary>What the user may read: an officer their department's inputs, the centre every department's.</summary>
    public IReadOnlyDictionary<string, InputDefinition> InputsFor(Campaign campaign, ClaimsPrincipal user) =>
        user.IsCentre()
            ? Inputs(campaign, source => MemberDepartments.All.Any(d => string.Equals(d.Id, source, StringComparison.Ordinal)))
            : InputsOf(campaign, user.DepartmentId()!);

    private IReadOnlyDictionary<string, InputDefinition> Inputs(Campaign campaign, Func<string, bool> source) =>
        catalogues.VersionInputs(campaign).Values.Where(i => source(i.Source)).ToDictionary(i => i.Id, StringComparer.Ordinal);

    /// <summary>
    /// The campaign departments write to today: one past self-assessment and not yet published, the
    /// department-data phase first. A published campaign is closed: its ratings rest on frozen facts.
    /// </summary>
    public async Task<Campaign?> OpenCampaignAsync(CancellationToken cancellationToken)
    {
        if (_open is { } known) return known.Campaign; // asked several times in one request (page, validator, ledger)
        var today = clock.NingboToday();
        var campaigns = await db.Campaigns.ToListAsync(cancellationToken);
        var open = campaigns
            .Where(c => c.PhaseOn(today) is not (CampaignPhase.NotOpen or CampaignPhase.Published))
            .OrderByDescending(c => c.PhaseOn(today) == CampaignPhase.DepartmentData)
            .ThenByDescending(c => c.Year)
            .FirstOrDefault();
        _open = new(open);
        return open;
    }

    private sealed record Found(Campaign? Campaign);
    private Found? _open;

    /// <summary>The campaign's enterprises: those with an application in it.</summary>
    public IQueryable<Enterprises.Enterprise> EnterprisesOf(Campaign campaign) =>
        db.Enterprises.Where(e => db.Applications.Any(a => a.CampaignId == campaign.Id && a.EnterpriseId == e.Id));
}
