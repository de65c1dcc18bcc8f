using Evaluation.Web.Features.DepartmentData.Api;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Web.Features.Measures;

internal static class MeasuresExtensions
{
    public static IServiceCollection AddMeasures(this IServiceCollection services)
    {
        // The rule set is compiled once (NRules' session factory is thread-safe); each evaluation is a fresh session.
        services.AddSingleton<JointRuleSet>();
        services.AddScoped<MeasureKeeper>();
        services.AddOptions<MeasureSweepOptions>().BindConfiguration(MeasureSweepOptions.Section);
        services.AddHostedService<MeasureSweep>();
        return services;
    }

    public static WebApplication MapMeasures(this WebApplication app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(TokenAuthentication.Policy).DisableAntiforgery()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .MapGet("/enterprises/{creditCode}/measures", MeasuresEndpoint.GetAsync)
            .WithName("GetMeasures").WithTags("measures")
            .WithSummary("The joint incentives and sanctions in force for an enterprise that concern the calling department")
            .WithDescription("Each measure with its basis (document and provision), start and end, the rule that gave it and the facts that matched. " +
                "Only measures of the token's department; an enterprise without any gets an empty list.")
            .Produces<MeasuresResult>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status404NotFound);
        return app;
    }
}
