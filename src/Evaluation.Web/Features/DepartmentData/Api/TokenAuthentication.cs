using System.Security.Claims;
using System.Text.Encodings.Web;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" for department systems: the token's hash must name an active token.
/// The principal carries the department claim the pages use, and a name the audit log records.
/// </summary>
internal sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, EvaluationDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DepartmentToken";
    public const string Policy = "department-api";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var hash = DepartmentToken.HashOf(header["Bearer ".Length..].Trim());
        var token = await db.Set<DepartmentToken>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("unknown or revoked token");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api:{token.DepartmentId}:{token.Name}"),
            new Claim(Claims.Department, token.DepartmentId),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
