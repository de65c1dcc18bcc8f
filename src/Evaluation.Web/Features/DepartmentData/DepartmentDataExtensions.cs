using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.DepartmentData.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Evaluation.Web.Features.DepartmentData;

internal static class DepartmentDataExtensions
{
    public static IServiceCollection AddDepartmentData(this IServiceCollection services)
    {
        // GB18030 for CSV files saved by Chinese Excel; ExcelDataReader needs the code pages as well.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.AddScoped<DepartmentScope>();
        services.AddScoped<SubmissionCommitter>();
        services.AddScoped<ProvisionalScoreCards>();
        services.AddSingleton<UploadStore>();
        services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var page in new[] { "Index", "Enterprise", "History", "Upload" })
                o.Conventions.AuthorizePage($"/DepartmentData/{page}", Policies.Department);
            o.Conventions.AuthorizePage("/DepartmentData/Tokens", Policies.Administrator);
        });
        return services.AddDepartmentApi();
    }

    public static WebApplication MapDepartmentData(this WebApplication app) => app.MapDepartmentApi();
}
