namespace Evaluation.Web.Features.Dashboards;

internal static class DashboardsExtensions
{
    /// <summary>The centre's campaign dashboards (issue 7); one computation serves the page and its charts for a few seconds.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddScoped<CampaignDashboard>();
}
