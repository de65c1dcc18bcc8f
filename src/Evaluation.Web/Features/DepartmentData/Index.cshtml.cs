namespace Evaluation.Web.Features.DepartmentData;

/// <summary>The officer's entry point: find an enterprise of the open campaign by name or credit code.</summary>
[Authorize(Policy = DepartmentDataExtensions.DeskPolicy)]
internal sealed class IndexModel(DepartmentScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Campaign? Campaign { get; private set; }
    public int InputCount { get; private set; }
    public IReadOnlyList<Row> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (Campaign is null) return;
        InputCount = scope.InputsFor(Campaign, User).Count;
        if (string.IsNullOrWhiteSpace(Q)) { Q = null; return; }
        var q = Q.Trim();
        Results = await scope.EnterprisesOf(Campaign)
            .Where(e => e.Name.Contains(q) || e.CreditCode.StartsWith(q.ToUpperInvariant()))
            .OrderBy(e => e.Name).Take(50)
            .Select(e => new Row(e.Id, e.Name, e.CreditCode))
            .ToListAsync(cancellationToken);
    }

    internal sealed record Row(Guid Id, string Name, string CreditCode);
}
