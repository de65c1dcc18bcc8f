using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" for department systems: the token's hash must name an active token.
/// The principal carries the department claim the pages use, and a name the audit log records. Reads may be
/// answered from <see cref="ActiveTokens"/>; writes always ask the table.
/// </summary>
internal sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ActiveTokens activeTokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DepartmentToken";
    public const string Policy = "department-api";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // The scheme name is case-insensitive (RFC 9110 §11.1): "bearer" and "BEARER" are Bearer.
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = DepartmentToken.HashOf(header["Bearer ".Length..].Trim());
        var read = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        if (read && activeTokens.TryGet(hash, out var known)) return Success(known.DepartmentId, known.Name);
        // The context only on a miss: a remembered token costs no database connection at all.
        var db = Context.RequestServices.GetRequiredService<EvaluationDbContext>();
        var token = await db.Set<DepartmentToken>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, Context.RequestAborted);
        if (token is null)
        {
            activeTokens.Forget(hash);
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        activeTokens.Remember(hash, token.DepartmentId, token.Name);
        return Success(token.DepartmentId, token.Name);
    }

    /// <summary>RFC 6750: a 401 names the scheme, and says when the token sent was not accepted; the body is a problem (ApiProblemsMiddleware).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var sent = Request.Headers.Authorization.ToString().Length > 0;
        Response.Headers.WWWAuthenticate = sent
            ? "Bearer realm=\"department-api\", error=\"invalid_token\", error_description=\"unknown or revoked token\""
            : "Bearer realm=\"department-api\"";
        return Task.CompletedTask;
    }

    private static AuthenticateResult Success(string departmentId, string name)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api:{departmentId}:{name}"),
            new Claim(Claims.Department, departmentId),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
