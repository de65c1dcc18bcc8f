using System.Text.Encodings.Web;
using System.Text.Unicode;
using Evaluation.Web.Features.DepartmentData.Api;
using Microsoft.Extensions.WebEncoders;

namespace Evaluation.Web.Features.Shared;

/// <summary>Razor Pages live beside their feature under /Features; each area sits behind its role's policy.</summary>
internal static class PagesExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Enterprises/Portal", Policies.Enterprise);
            o.Conventions.AuthorizeFolder("/Review", Policies.Centre);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
            // Razor Pages validate antiforgery on every POST by default; this makes the rule explicit.
            o.Conventions.ConfigureFilter(new AutoValidateAntiforgeryTokenAttribute());
            o.Conventions.ConfigureFilter(new IllegalTransitionFilter());
            o.Conventions.ConfigureFilter(new UnhandledMethodFilter());
        }).AddViewLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "evaluation.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Pages are Chinese-first: emit CJK as characters, not &#x…; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    public static WebApplication UsePages(this WebApplication app)
    {
        // A request that failed because the database went away answers 503 (try again), not 500 (our bug).
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/status/500",
                StatusCodeSelector = e => BrokenConnections.IsBroken(e) ? StatusCodes.Status503ServiceUnavailable
                    : e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseApiProblems(); // inside both: on /api it answers first, with problem details

        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionCheck();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
