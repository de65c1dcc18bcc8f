using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Sign-in. Every failure does the same work and says the same thing: the name is looked up, one password hash is
/// verified (the account's, or a stand-in's when there is no such account), the failure is counted against the
/// name and the client's address (<see cref="SignInThrottle"/>) and audited. A wrong password, an unknown name, a
/// disabled account and a name held back after five failures from this address are indistinguishable from outside.
/// </summary>
[EnableRateLimiting(SecurityExtensions.LoginPolicy)]
internal sealed class LoginModel(SignInManager<Account> signIn, UserManager<Account> users, SignInThrottle throttle,
    EvaluationDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Failed = "用户名或密码错误。同一用户名在本机连续失败5次后，须等待15分钟再试。";

    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = (UserName ?? "").Trim();
        var password = Password ?? "";
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var normalized = users.NormalizeName(name) ?? "";
        var key = SignInThrottle.KeyOf(normalized, address);
        var failures = await throttle.RecentFailuresAsync(key, cancellationToken);
        var account = AccountNames.IsValidUserName(name) ? await users.FindByNameAsync(name) : null; // no other name has an account
        var check = account?.PasswordHash is { } hash
            ? users.PasswordHasher.VerifyHashedPassword(account, hash, password)
            : StandInPassword.Verify(users.PasswordHasher, password);
        var held = failures >= SignInThrottle.MaxFailures;
        if (account is not null && account.PasswordHash is not null && !held && !account.Disabled
            && check is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded)
        {
            await throttle.ClearAsync(key, cancellationToken);
            if (check == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
            Audit(account.Id.ToString(), account.UserName, account.UserName, "SignedIn", address, "登录 / signed in", account.Id);
            await users.UpdateAsync(account); // saves the audit line (and a rehashed password)
            await signIn.SignInAsync(account, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Audit(account?.Id.ToString() ?? "-", "anonymous", name, held ? "SignInHeld" : failures + 1 >= SignInThrottle.MaxFailures ? "SignInLocked" : "SignInFailed",
            address, held ? "登录被暂停（本机失败过多） / sign-in held: too many failures from this address"
                : account is { Disabled: true } ? "登录失败：账号已停用 / sign-in failed: account disabled" : "登录失败 / sign-in failed", null);
        await throttle.RecordFailureAsync(key, cancellationToken); // saves the audit line with the failure
        ModelState.AddModelError("", l[Failed]);
        return Page();
    }

    private void Audit(string accountId, string actor, string userName, string action, string address, string reason, Guid? actorId) =>
        db.AuditEntries.Add(AuditTrail.Event(nameof(Account), accountId, action, actor, actorId,
            clock.GetUtcNow().UtcDateTime, new Dictionary<string, string?> { ["UserName"] = Shared.FreeText.Cut(userName, 64), ["Address"] = address }, reason));
}

/// <summary>
/// A password hash of no account, verified when a sign-in names no account, so that an unknown name costs the same
/// PBKDF2 work as a wrong password (the time it takes must not say which names exist). Made by the default hasher,
/// whose hashes carry their iteration count: verifying it costs what verifying an account's password costs.
/// </summary>
internal static class StandInPassword
{
    private static readonly Account Nobody = Account.ForCentre(Guid.Empty, "nobody", "nobody", Role.Reviewer, DateTime.UnixEpoch);
    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly Lazy<string> Hash = new(() => Hasher.HashPassword(Nobody, AccountService.NewPassword()));

    /// <summary>Never a success, whatever was typed.</summary>
    public static PasswordVerificationResult Verify(IPasswordHasher<Account> hasher, string password)
    {
        hasher.VerifyHashedPassword(Nobody, Hash.Value, password);
        return PasswordVerificationResult.Failed;
    }
}
