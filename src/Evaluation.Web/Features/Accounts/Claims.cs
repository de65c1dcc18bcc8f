using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Accounts;

/// <summary>Claim names for the bindings an account carries into every request.</summary>
internal static class Claims
{
    public const string Enterprise = "evaluation:enterprise";
    public const string Department = "evaluation:department";
    public const string DisplayName = "evaluation:display-name";

    public static Guid? EnterpriseId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Enterprise), out var id) ? id : null;

    public static string? DepartmentId(this ClaimsPrincipal user) => user.FindFirstValue(Department);

    public static bool IsCentre(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Reviewer)) || user.IsInRole(nameof(Role.Administrator));
}

/// <summary>Adds the role and the enterprise or department binding to the sign-in cookie.</summary>
internal sealed class AccountClaimsFactory(UserManager<Account> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(Claims.DisplayName, user.DisplayName));
        if (user.EnterpriseId is { } enterprise) identity.AddClaim(new Claim(Claims.Enterprise, enterprise.ToString()));
        if (user.DepartmentId is { } department) identity.AddClaim(new Claim(Claims.Department, department));
        return identity;
    }
}
