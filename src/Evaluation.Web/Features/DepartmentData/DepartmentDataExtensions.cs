using Evaluation.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Evaluation.Web.Features.DepartmentData;

internal static class DepartmentDataExtensions
{
    public static IServiceCollection AddDepartmentData(this IServiceCollection services)
    {
        services.AddScoped<DepartmentScope>();
        services.AddScoped<SubmissionCommitter>();
        services.AddSingleton<UploadStore>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/DepartmentData", Policies.Department));
        return services;
    }
}
