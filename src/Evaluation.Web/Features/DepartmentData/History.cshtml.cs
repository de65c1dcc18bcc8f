namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Every version of one department value, newest first: the fact chain gives who, when and old → new; the
/// audit entry written with each version gives why. Another department's input answers 404.
/// </summary>
[Authorize(Policy = DepartmentDataExtensions.DeskPolicy)]
internal sealed class HistoryModel(EvaluationDbContext db, DepartmentScope scope) : PageModel
{
    public Guid Id { get; private set; }
    public string Enterprise { get; private set; } = "";
    public string InputId { get; private set; } = "";
    public string Label { get; private set; } = "";
    public IReadOnlyList<Version> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string inputId, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null || !scope.InputsFor(campaign, User).TryGetValue(inputId, out var input)) return NotFound();
        var enterprise = await scope.EnterprisesOf(campaign).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return NotFound();
        (Id, Enterprise, InputId, Label) = (id, enterprise.Name, inputId, input.Label.Zh);
        Versions = await VersionsAsync(campaign.Id, id, inputId, input.Source, cancellationToken);
        return Page();
    }

    private async Task<List<Version>> VersionsAsync(Guid campaignId, Guid enterpriseId, string inputId, string department,
        CancellationToken cancellationToken)
    {
        var facts = await db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaignId && f.EnterpriseId == enterpriseId && f.InputId == inputId && f.DepartmentId == department)
            .ToListAsync(cancellationToken);
        var keys = facts.Select(f => f.Id.ToString()).ToList();
        var reasons = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Fact" && a.Action == "Added" && keys.Contains(a.EntityId))
            .ToDictionaryAsync(a => a.EntityId, a => a.Reason, cancellationToken);
        var byNewer = facts.Where(f => f.SupersededById is not null).ToDictionary(f => f.SupersededById!.Value);
        return facts.OrderByDescending(f => f.SuppliedAt).ThenByDescending(f => f.SupersededById is null)
            .Select(f => new Version(f.SuppliedAt, f.SuppliedBy, byNewer.GetValueOrDefault(f.Id)?.ValueText, f.ValueText,
                reasons.GetValueOrDefault(f.Id.ToString())))
            .ToList();
    }

    internal sealed record Version(DateTime At, string Who, string? Old, string New, string? Why);
}
