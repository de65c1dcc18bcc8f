namespace Evaluation.Web.Features.Campaigns;

internal static class CampaignsExtensions
{
    /// <summary>Campaign management and a campaign's population read for scoring in memory (issue 7).</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services) => services
        .AddScoped<CampaignScoring>();
}
