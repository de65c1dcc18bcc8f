namespace Evaluation.Web.Features.Accounts;

/// <summary>/account/registration: a registrant's own registrations and where they stand.</summary>
[Authorize(Roles = nameof(Role.Enterprise))]
internal sealed class RegistrationModel(EvaluationDbContext db) : PageModel
{
    public IReadOnlyList<EnterpriseRegistration> Registrations { get; private set; } = [];
    public bool Bound { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var g) ? g : Guid.Empty;
        Bound = User.EnterpriseId() is not null;
        Registrations = await db.Set<EnterpriseRegistration>().AsNoTracking().Where(r => r.AccountId == id)
            .OrderByDescending(r => r.SubmittedAt).ToListAsync(cancellationToken);
    }
}
