using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Evaluation.Web.Features.Security;

/// <summary>
/// Headers every response carries, and the limit on sign-in attempts. The CSP admits the app's own scripts
/// only (ECharts is served from /lib, so it is one of them): no inline script, no event-handler attributes,
/// no framing. Inline styles stay allowed because ECharts' tooltips write style attributes.
/// </summary>
internal static class SecurityExtensions
{
    public const string LoginPolicy = "login";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Per client address: stops password spraying across many accounts, which the per-account lockout
        // (5 failures, 15 minutes) does not. Only POSTs to the login page count.
        var permits = configuration.GetValue("Security:LoginAttemptsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (DepartmentData.Api.ApiProblems.IsApi(context.HttpContext)) return; // its problem body: ApiProblemsMiddleware
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "登录尝试过于频繁，请一分钟后再试。/ Too many sign-in attempts; try again in a minute.", cancellationToken);
            };
            o.AddPolicy(LoginPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }

    /// <summary>Before static files and pages, so every response, error pages included, carries the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) app.UseHsts();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

}
