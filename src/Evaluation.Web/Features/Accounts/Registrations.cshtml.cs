namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// /centre/registrations: the registrations waiting for the centre, oldest first and paged, each beside what is on
/// file for its credit code (the enterprise's name, its confirmed accounts, other claims to the same code), with
/// confirm and reject.
/// </summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class RegistrationsModel(EvaluationDbContext db, Registrations registrations) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [TempData] public string? Done { get; set; }
    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    internal sealed record Row(EnterpriseRegistration Registration, string UserName, string? NameOnFile, int AccountsOnFile, int OtherClaims);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken) =>
        await ResultAsync(await registrations.ConfirmAsync(id, cancellationToken), "已确认，企业账号重新登录后即可申报。", cancellationToken);

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        await ResultAsync(await registrations.RejectAsync(id, reason, cancellationToken), "已不予确认。", cancellationToken);

    private async Task<IActionResult> ResultAsync(string? error, string done, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            Done = done;
            return RedirectToPage();
        }
        ModelState.AddModelError("", error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var pending = db.Set<EnterpriseRegistration>().AsNoTracking().Where(r => r.Status == RegistrationStatus.Pending);
        Total = await pending.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await (from r in pending
                      join a in db.Accounts on r.AccountId equals a.Id
                      orderby r.SubmittedAt, r.Id
                      select new Row(r, a.UserName,
                          db.Enterprises.Where(e => e.CreditCode == r.CreditCode).Select(e => e.Name).FirstOrDefault(),
                          db.Accounts.Count(x => db.Enterprises.Any(e => e.CreditCode == r.CreditCode && e.Id == x.EnterpriseId)),
                          pending.Count(o => o.CreditCode == r.CreditCode && o.Id != r.Id)))
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
