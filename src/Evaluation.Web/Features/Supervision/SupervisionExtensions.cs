using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Features.Supervision;

internal static class SupervisionExtensions
{
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<SupervisionRecorder>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<RatingHistory>();
        return services;
    }

    public static WebApplication MapSupervision(this WebApplication app)
    {
        app.MapApiV1()
            .MapPost("/events", EventsEndpoint.PostAsync)
            .WithName("RecordEvents").WithTags("events")
            .WithSummary("记录一批监管事件（全部成功或全部不生效）/ Record a batch of supervision events, all or nothing")
            .WithDescription("与监管页面相同的校验；事件触发一票否决时为已发布的评价立案。 / The checks of the supervision page; an event that fires a veto " +
                "opens a case against the published rating.")
            .WithMetadata(new AcceptsIdempotencyKey())
            .Produces<EventsResult>().ProducesApiProblems(400, 403, 409, 422);
        return app;
    }
}
