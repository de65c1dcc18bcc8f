using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Dashboards;

namespace Evaluation.Web.Features.Campaigns;

internal static class CampaignsExtensions
{
    /// <summary>Campaign management, catalogue uploads and impact preview, dashboards (issue 7).</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddScoped<CampaignScoring>()
        .AddScoped<ImpactPreview>()
        .AddScoped<CampaignDashboard>();
}
