using Evaluation.Web.Features.DepartmentData.Api;

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
        app.MapApiV1().MapGet("/enterprises/{creditCode}/measures", MeasuresEndpoint.GetAsync)
            .WithName("GetMeasures").WithTags("measures")
            .WithSummary("企业现行有效、由本单位实施的联合奖惩措施 / The joint incentives and sanctions in force for an enterprise that the calling department carries out")
            .WithDescription("每项措施含依据（文件与条款）、起止日期、给出它的规则及所匹配的事实；只含本单位的措施，没有则为空列表。" +
                " / Each measure with its basis (document and provision), start and end, the rule that gave it and the facts that matched. " +
                "Only measures of the token's department; an enterprise without any gets an empty list.")
            .Produces<MeasuresResult>().ProducesApiProblems(404);
        return app;
    }
}
