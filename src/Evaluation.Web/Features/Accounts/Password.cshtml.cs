using Evaluation.Web.Features.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Any signed-in user changes their own password (修改密码), giving the current one. The new security stamp ends every
/// other session of the account; this one is signed in again.
/// </summary>
[Authorize]
internal sealed class PasswordModel(UserManager<Account> users, SignInManager<Account> signIn, EvaluationDbContext db, AuditActor actor,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public bool Changed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } account) return Challenge();
        if (NewPassword != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), l["两次输入的新密码不一致。"]);
        if (!ModelState.IsValid) return Page();
        db.AuditEntries.Add(AuditTrail.Event(nameof(Account), account.Id.ToString(), "PasswordChanged", actor.Name, actor.UserId,
            clock.GetUtcNow().UtcDateTime, new Dictionary<string, string?> { ["UserName"] = account.UserName }, "修改密码 / password changed"));
        var result = await users.ChangePasswordAsync(account, CurrentPassword ?? "", NewPassword ?? "");
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear(); // the audit line belongs to a change that did not happen
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return Page();
        }
        await signIn.SignInAsync(account, isPersistent: false);
        Changed = true;
        return Page();
    }
}
