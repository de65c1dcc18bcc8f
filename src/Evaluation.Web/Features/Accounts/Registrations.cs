using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>The centre's decisions on enterprise registrations (see <see cref="EnterpriseRegistration"/>).</summary>
internal sealed class Registrations(EvaluationDbContext db, UserManager<Account> users, AuditActor actor, TimeProvider clock)
{
    /// <summary>
    /// Binds the registrant's account to the enterprise with the claimed code, creating the enterprise from the claim
    /// when it is not on file. The account's sessions end (a new stamp), so its next sign-in carries the binding.
    /// Null when done, else why not.
    /// </summary>
    public async Task<string?> ConfirmAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EnterpriseRegistration>().SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Pending }) return "该注册申请已处理 / this registration has been decided";
        var account = await db.Accounts.SingleAsync(a => a.Id == registration.AccountId, cancellationToken);
        if (account.EnterpriseId is not null || account.Disabled) return "该账号已绑定企业或已停用 / the account is bound already or disabled";
        var now = clock.GetUtcNow().UtcDateTime;
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == registration.CreditCode, cancellationToken);
        if (enterprise is null)
        {
            enterprise = new Enterprise(Guid.NewGuid(), CreditCode.Parse(registration.CreditCode), registration.Name, registration.District,
                registration.IndustryCode, registration.SizeClass, registration.Park, now);
            db.Enterprises.Add(enterprise);
        }
        account.BindEnterprise(enterprise.Id, enterprise.Name);
        registration.Confirm(actor.Name, now);
        db.Because($"确认企业注册 {registration.CreditCode} / registration confirmed");
        var result = await users.UpdateSecurityStampAsync(account); // saves all of it; the registrant signs in again
        return result.Succeeded ? null : string.Join("; ", result.Errors.Select(e => e.Description));
    }

    public async Task<string?> RejectAsync(Guid registrationId, string? reason, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return "请填写不予确认的理由 / give the reason";
        if (Shared.FreeText.Problem(reason, 1000, "理由 / reason", multiline: true) is { } problem) return problem;
        var registration = await db.Set<EnterpriseRegistration>().SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Pending }) return "该注册申请已处理 / this registration has been decided";
        registration.Reject(reason, actor.Name, clock.GetUtcNow().UtcDateTime);
        await db.Because($"不予确认企业注册 / registration rejected: {reason}").SaveChangesAsync(cancellationToken);
        return null;
    }
}
