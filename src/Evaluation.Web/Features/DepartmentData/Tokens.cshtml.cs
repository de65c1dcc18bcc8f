using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Departments;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>The centre administrator issues (shown once) and revokes the tokens department systems use on /api/v1.</summary>
[Authorize(Policy = Policies.Administrator)]
internal sealed class TokensModel(EvaluationDbContext db, AuditActor actor, TimeProvider clock, Api.ActiveTokens activeTokens,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<DepartmentToken> Tokens { get; private set; } = [];
    public string? IssuedToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(string departmentId, string name, CancellationToken cancellationToken)
    {
        var problem = !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken) ? l["请选择成员单位"].Value
            : string.IsNullOrWhiteSpace(name) ? l["用途：必填"].Value
            : Shared.FreeText.Problem(name.Trim(), 100, l["用途"].Value);
        if (problem is not null)
        {
            // A name the column cannot hold (over 100 characters, control characters) is a form error, not a 500.
            ModelState.AddModelError(nameof(name), problem);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (token, hash) = DepartmentToken.Generate();
        db.Set<DepartmentToken>().Add(new DepartmentToken(Guid.NewGuid(), departmentId, name.Trim(), hash, actor.Name,
            clock.GetUtcNow().UtcDateTime));
        await db.Because("签发部门接口令牌 / API token issued").SaveChangesAsync(cancellationToken);
        IssuedToken = token;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.Set<DepartmentToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null) return NotFound();
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.Because("吊销部门接口令牌 / API token revoked").SaveChangesAsync(cancellationToken);
        activeTokens.Forget(token.Hash); // this instance stops trusting it at once (others within ActiveTokens.ReadsTrustFor)
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Departments = await db.Departments.OrderBy(d => d.NameZh).ToListAsync(cancellationToken);
        Tokens = await db.Set<DepartmentToken>().OrderByDescending(t => t.IssuedAt).ToListAsync(cancellationToken);
    }
}
