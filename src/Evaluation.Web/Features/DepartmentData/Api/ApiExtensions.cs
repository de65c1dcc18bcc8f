using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Publication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>/api/v1 for department systems: token-authenticated, described at /openapi/v1.json.</summary>
internal static class ApiExtensions
{
    public static IServiceCollection AddDepartmentApi(this IServiceCollection services)
    {
        // A key sent twice in one object ({"value":1,"value":7}) is ambiguous (parsers disagree on which wins): refused as 400.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        services.AddSingleton<ActiveTokens>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(TokenAuthentication.Policy, p => p
            .AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(Claims.Department));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "和谐企业评价 · 成员单位接口 / Harmonious-enterprise evaluation: department API";
            document.Info.Description = "Authorization: Bearer <token issued by the evaluation centre>. Batches are all or nothing; " +
                "send an Idempotency-Key header so a retried request is applied once.";
            document.Servers?.Clear(); // clients call the host they fetched the document from
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// /api/v1 as every feature maps into it: the one place its prefix, token policy and error behaviour are set.
    /// Machines get bare status codes: the HTML status pages would re-execute a POST into a Razor page.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1").RequireAuthorization(TokenAuthentication.Policy).DisableAntiforgery()
            .WithMetadata(new SkipStatusCodePagesAttribute());

    public static WebApplication MapDepartmentApi(this WebApplication app)
    {
        app.MapOpenApi();
        var v1 = app.MapApiV1();
        v1.MapPost("/facts", FactsEndpoint.PostAsync)
            .WithName("SubmitFacts").WithTags("facts").WithSummary("Submit a batch of department values, all or nothing")
            .Produces<BatchResult>().Produces<FactErrors>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized).Produces<FactErrors>(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v1.MapGet("/ratings/{creditCode}", RatingsEndpoint.GetAsync)
            .WithName("GetRating").WithTags("ratings").WithSummary("The published rating and status of an enterprise")
            .Produces<RatingResult>().Produces(StatusCodes.Status404NotFound);
        return app;
    }
}
