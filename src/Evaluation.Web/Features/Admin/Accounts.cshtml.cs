using Evaluation.Web.Features.Departments;
using Evaluation.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Admin;

/// <summary>
/// The centre administrator's accounts desk: creates department and centre accounts (enterprises register
/// themselves; a generated initial password is shown once), and for any account resets the password, ends its
/// sessions, disables or enables it, and changes a department or centre account's role. Each of these but
/// creation renews the account's security stamp, so its existing sessions end at once (<see cref="Sessions"/>).
/// The list is searched and paged: enterprise accounts are many.
/// </summary>
internal sealed class AccountsModel(EvaluationDbContext db, AccountService accounts, UserManager<Account> users, AuditActor actor,
    TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty] public NewAccountInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string? CreatedPassword { get; private set; }
    public string? PasswordFor { get; private set; }
    public string? Done { get; private set; }
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(cancellationToken);
        if (account is not null)
        {
            var password = AccountService.NewPassword();
            var result = await accounts.CreateAsync(account, password);
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            if (result.Succeeded) (CreatedPassword, PasswordFor) = (password, account.UserName);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken) => OnAccountAsync(id, async account =>
    {
        var password = AccountService.NewPassword();
        db.AuditEntries.Add(Event(account, "PasswordReset", "管理员重置密码 / password reset by the administrator"));
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, password); // a new security stamp: sessions end
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        (CreatedPassword, PasswordFor) = (password, account.UserName);
    }, cancellationToken);

    public Task<IActionResult> OnPostEndSessionsAsync(Guid id, CancellationToken cancellationToken) => OnAccountAsync(id, async account =>
    {
        await Sessions.EndAllAsync(users, db, actor, clock, account, "SessionsEnded", "管理员结束该账号的全部登录 / sessions ended by the administrator");
        Done = "已结束该账号的全部登录。";
    }, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) => OnAccountAsync(id, async account =>
    {
        if (IsSelf(account)) { ModelState.AddModelError("", "不能停用自己的账号 / you cannot disable your own account"); return; }
        account.Disable();
        await Sessions.EndAllAsync(users, db, actor, clock, account, "SessionsEnded", "账号停用 / account disabled");
        Done = "账号已停用，其登录已全部结束。";
    }, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) => OnAccountAsync(id, async account =>
    {
        account.Enable();
        db.Because("账号启用 / account enabled");
        await users.UpdateAsync(account);
        Done = "账号已启用。";
    }, cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(Guid id, string? role, string? departmentId, CancellationToken cancellationToken) =>
        OnAccountAsync(id, async account =>
        {
            var parsed = ParseRole(role);
            if (parsed is null || account.Role == Role.Enterprise)
            {
                ModelState.AddModelError("", "角色无效：成员单位和评价中心账号可改为经办人、评审员或管理员 / invalid role: department and centre accounts take Department, Reviewer or Administrator");
                return;
            }
            if (IsSelf(account)) { ModelState.AddModelError("", "不能更改自己的角色 / you cannot change your own role"); return; }
            if (parsed == Role.Department && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
            {
                ModelState.AddModelError("", "经办人须选择成员单位 / a department officer needs a department");
                return;
            }
            account.ChangeRole(parsed.Value, departmentId);
            await Sessions.EndAllAsync(users, db, actor, clock, account, "SessionsEnded", "角色变更 / role changed");
            Done = "角色已更改，该账号须重新登录。";
        }, cancellationToken);

    private async Task<IActionResult> OnAccountAsync(Guid id, Func<Account, Task> change, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null) ModelState.AddModelError("", "没有此账号 / no such account");
        else await change(account);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private bool IsSelf(Account account) => account.Id == actor.UserId;

    private AuditEntry Event(Account account, string action, string reason) =>
        AuditTrail.Event(nameof(Account), account.Id.ToString(), action, actor.Name, actor.UserId, clock.GetUtcNow().UtcDateTime,
            new Dictionary<string, string?> { ["UserName"] = account.UserName }, reason);

    /// <summary>A centre or department role by name; anything else (a number, "Enterprise", a typo) is null.</summary>
    private static Role? ParseRole(string? text) =>
        Enum.TryParse<Role>(text, ignoreCase: false, out var role) && Enum.IsDefined(role) && role != Role.Enterprise
            && !int.TryParse(text, out _) ? role : null;

    private async Task<Account?> NewAccountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = (Input.UserName ?? "").Trim();
        var displayName = (Input.DisplayName ?? "").Trim();
        if (!AccountNames.IsValidUserName(name)) ModelState.AddModelError("", AccountNames.UserNameRule);
        if (displayName.Length == 0) ModelState.AddModelError("", "请填写姓名 / enter the name");
        if (FreeText.Problem(displayName, 100, "姓名 / name") is { } why) ModelState.AddModelError("", why);
        var role = ParseRole(Input.Role);
        if (role is null)
            ModelState.AddModelError("", "请选择角色：成员单位经办人、评审员或评价中心管理员 / choose a role: department officer, reviewer or administrator");
        if (!ModelState.IsValid) return null;
        if (role != Role.Department) return Account.ForCentre(Guid.NewGuid(), name, displayName, role!.Value, now);
        if (await db.Departments.AnyAsync(d => d.Id == Input.DepartmentId, cancellationToken))
            return Account.ForDepartment(Guid.NewGuid(), name, displayName, Input.DepartmentId!, now);
        ModelState.AddModelError("", "经办人须选择成员单位 / a department officer needs a department");
        return null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Accounts.AsNoTracking();
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var upper = q.ToUpperInvariant();
            query = query.Where(a => a.NormalizedUserName.Contains(upper) || a.DisplayName.Contains(q));
        }
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Accounts = await query.OrderBy(a => a.Role == Role.Enterprise).ThenBy(a => a.NormalizedUserName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }
}

internal sealed class NewAccountInput
{
    public string? UserName { get; set; } = "";
    public string? DisplayName { get; set; } = "";
    /// <summary>Text, parsed by the page: a value the form does not offer gets a message, not a default.</summary>
    public string? Role { get; set; } = nameof(Accounts.Role.Department);
    public string? DepartmentId { get; set; }
}
