using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Departments;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Admin;

/// <summary>
/// The centre administrator creates department and centre accounts (enterprises register themselves).
/// The initial password is generated and shown once.
/// </summary>
internal sealed class AccountsModel(EvaluationDbContext db, AccountService accounts, TimeProvider clock) : PageModel
{
    [BindProperty] public NewAccountInput Input { get; set; } = new();

    public string? CreatedPassword { get; private set; }
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(cancellationToken);
        if (account is not null)
        {
            var password = AccountService.NewPassword();
            var result = await accounts.CreateAsync(account, password);
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            if (result.Succeeded) CreatedPassword = password;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<Account?> NewAccountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = Input.UserName.Trim();
        if (Input.Role != Role.Department) return Account.ForCentre(Guid.NewGuid(), name, Input.DisplayName, Input.Role, now);
        if (await db.Departments.AnyAsync(d => d.Id == Input.DepartmentId, cancellationToken))
            return Account.ForDepartment(Guid.NewGuid(), name, Input.DisplayName, Input.DepartmentId!, now);
        ModelState.AddModelError("", "经办人须选择成员单位 / a department officer needs a department");
        return null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Accounts = await db.Accounts.Where(a => a.Role != Role.Enterprise).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        Departments = await db.Departments.OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }
}

internal sealed class NewAccountInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; } = Role.Department;
    public string? DepartmentId { get; set; }
}
