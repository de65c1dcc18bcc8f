using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// A sign-in cookie is good only while its account's security stamp is the one it was issued with and the account
/// is not disabled. Checked on every request (one lookup by primary key), not every few minutes as Identity's
/// <see cref="SecurityStampValidator"/> does by default, so a sign-out, a password change or reset, a role change, a
/// disabled account or the administrator's "end sessions" ends every copy of the cookie at once. The cookie is not
/// re-issued by the check (Identity's validator renews it each time it looks).
/// </summary>
internal static class Sessions
{
    private static readonly object Unverified = new();

    /// <summary>After authentication: a request whose session could not be checked fails with the database's error.</summary>
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) =>
        app.Use(next => context => context.Items.Remove(Unverified, out var error) && error is Exception e
            ? Task.FromException(e)
            : next(context));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<Account>>();
        Account? user;
        try { user = await signIn.ValidateSecurityStampAsync(context.Principal); }
        catch (Exception e) when (BrokenConnections.IsBroken(e))
        {
            // The session cannot be judged while the database is away. Throwing here would be cached with the
            // authentication result and fail the 503 page as well; so the request goes on as nobody's, and
            // UseSessionCheck (after authentication) answers it with the database error: 503, retry later.
            context.HttpContext.Items[Unverified] = e;
            context.RejectPrincipal();
            return;
        }
        if (user is not null && !user.Disabled) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// Ends every session of <paramref name="account"/> (a new security stamp) and writes <paramref name="action"/>
    /// to the audit log in the same save. The stamp itself is a secret and never audited.
    /// </summary>
    public static async Task EndAllAsync(UserManager<Account> users, EvaluationDbContext db, AuditActor actor, TimeProvider clock,
        Account account, string action, string reason)
    {
        db.AuditEntries.Add(AuditTrail.Event(nameof(Account), account.Id.ToString(), action, actor.Name, actor.UserId,
            clock.GetUtcNow().UtcDateTime, new Dictionary<string, string?> { ["UserName"] = account.UserName }, reason));
        var result = await users.UpdateSecurityStampAsync(account); // saves the audit entry with the stamp
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
