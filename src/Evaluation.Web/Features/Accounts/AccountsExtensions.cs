using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

internal static class AccountsExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<Account>(ConfigureIdentity)
            .AddUserStore<AccountStore>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddSignInManager()
            .AddErrorDescriber<AccountErrors>()
            .AddPasswordValidator<WeakPasswords>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<Account>, AccountConfirmation>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(ConfigureCookie);
        services.AddAuthorizationBuilder().AddEvaluationPolicies();
        services.AddSingleton<IAuthorizationHandler, OwnRecordHandler>();
        services.AddScoped<AccountService>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<Registrations>();
        return services;
    }

    private static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 5;
        // No per-account lockout: a stranger could keep an officer out with five wrong passwords. Failures are
        // counted per name and address instead (SignInThrottle, used by the login page).
        o.Lockout.AllowedForNewUsers = false;
        o.SignIn.RequireConfirmedAccount = true; // "confirmed" = not disabled (AccountConfirmation)
    }

    private static void ConfigureCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "evaluation.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS (production); plain HTTP stays usable for the local demo.
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/account/login";
        o.LogoutPath = "/account/logout";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        // Every request checks the account's security stamp (Sessions): sign-out and the administrator end sessions at once.
        o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
        // A signed-in user at the wrong door gets a plain 403 (rendered by the status page), not a redirect.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
