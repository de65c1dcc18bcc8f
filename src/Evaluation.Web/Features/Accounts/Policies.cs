namespace Evaluation.Web.Features.Accounts;

/// <summary>One policy per door; resource checks (whose record is it?) come on top, in the handlers below.</summary>
internal static class Policies
{
    public const string Enterprise = "enterprise";
    public const string Department = "department";
    public const string Centre = "centre";
    public const string Administrator = "administrator";
    public const string OwnRecord = "own-record";

    public static AuthorizationBuilder AddEvaluationPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Enterprise, p => p.RequireRole(nameof(Role.Enterprise)).RequireClaim(Claims.Enterprise))
        .AddPolicy(Department, p => p.RequireRole(nameof(Role.Department)).RequireClaim(Claims.Department))
        .AddPolicy(Centre, p => p.RequireRole(nameof(Role.Reviewer), nameof(Role.Administrator)))
        .AddPolicy(Administrator, p => p.RequireRole(nameof(Role.Administrator)))
        .AddPolicy(OwnRecord, p => p.RequireAuthenticatedUser().AddRequirements(new OwnRecordRequirement()));
}

/// <summary>A record that belongs to one enterprise.</summary>
internal interface IEnterpriseRecord
{
    Guid EnterpriseId { get; }
}

/// <summary>A record that belongs to one department's inputs.</summary>
internal interface IDepartmentRecord
{
    string? DepartmentId { get; }
}

internal sealed class OwnRecordRequirement : IAuthorizationRequirement;

/// <summary>
/// The centre reaches every record; an enterprise user only its enterprise's; a department officer only
/// records whose input its department owns.
/// </summary>
internal sealed class OwnRecordHandler : AuthorizationHandler<OwnRecordRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnRecordRequirement requirement)
    {
        var user = context.User;
        var allowed = user.IsCentre() || context.Resource switch
        {
            IDepartmentRecord d when user.IsInRole(nameof(Role.Department)) =>
                d.DepartmentId is not null && string.Equals(d.DepartmentId, user.DepartmentId(), StringComparison.Ordinal),
            IEnterpriseRecord e when user.IsInRole(nameof(Role.Enterprise)) => e.EnterpriseId == user.EnterpriseId(),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
