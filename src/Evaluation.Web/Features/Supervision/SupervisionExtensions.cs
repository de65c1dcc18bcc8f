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
            .WithName("RecordEvents").WithTags("events").WithSummary("Record a batch of supervision events, all or nothing")
            .Produces<EventsResult>().Produces<EventErrors>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized).Produces<EventErrors>(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
