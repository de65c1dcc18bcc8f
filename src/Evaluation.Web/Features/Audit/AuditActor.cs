using System.Security.Claims;

namespace Evaluation.Web.Features.Audit;

/// <summary>Who is making the current change: the signed-in user, or "system" outside a request.</summary>
internal sealed class AuditActor(IHttpContextAccessor http)
{
    public string Name => User?.Identity?.IsAuthenticated == true ? User.Identity.Name ?? "?" : "system";

    public Guid? UserId =>
        Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private ClaimsPrincipal? User => http.HttpContext?.User;
}
