using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Evaluation.Web.Features.Localization;

/// <summary>
/// Anchor for the shared resource files. Keys are the Chinese text itself, so zh-CN (the default) needs no
/// file and SharedResource.en.resx holds the English.
/// </summary>
internal sealed class SharedResource;

internal static class LocalizationExtensions
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static IServiceCollection AddEvaluationLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // Only the visitor's explicit choice (the cookie) switches language; Accept-Language does not.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
