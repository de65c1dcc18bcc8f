using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Sign-out is a POST with an antiforgery token, so a foreign page cannot sign a user out. It renews the account's
/// security stamp: the cookie just dropped, and any copy of it, no longer signs anyone in.
/// </summary>
internal sealed class LogoutModel(SignInManager<Account> signIn, UserManager<Account> users, EvaluationDbContext db, AuditActor actor,
    TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } account)
            await Sessions.EndAllAsync(users, db, actor, clock, account, "SignedOut", "退出登录 / signed out");
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
