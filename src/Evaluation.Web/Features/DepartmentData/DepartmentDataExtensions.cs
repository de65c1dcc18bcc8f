using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Features.DepartmentData;

internal static class DepartmentDataExtensions
{
    /// <summary>
    /// The desk's read pages: an officer of a department, or the centre, which sees every department's data
    /// (issue 6: "the centre sees all"); writing stays with officers (the pages check the department claim).
    /// </summary>
    public const string DeskPolicy = "department-desk";

    public static IServiceCollection AddDepartmentData(this IServiceCollection services)
    {
        // GB18030 for CSV files saved by Chinese Excel (the code pages ship with .NET; no package needed).
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.AddAuthorizationBuilder().AddPolicy(DeskPolicy, p => p.RequireAssertion(c =>
            c.User.IsCentre() || (c.User.IsInRole(nameof(Role.Department)) && c.User.DepartmentId() is not null)));
        services.AddScoped<DepartmentScope>();
        services.AddScoped<ProvisionalScoreCards>();
        services.AddSingleton<UploadStore>();
        return services.AddDepartmentApi();
    }

    public static WebApplication MapDepartmentData(this WebApplication app)
    {
        // The department door's old address: its desk is /department/data (one place to enter a value, not two).
        app.MapGet("/department", () => Results.Redirect("/department/data", permanent: true)).ExcludeFromDescription();
        return app.MapDepartmentApi();
    }
}
