using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Evaluation.Web.Features.Publication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>/api/v1 for department systems: token-authenticated, described at /openapi/v1.json.</summary>
internal static class ApiExtensions
{
    public const string RatePolicy = "department-api";

    public static IServiceCollection AddDepartmentApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            // A key sent twice in one object ({"value":1,"value":7}) is ambiguous (parsers disagree on which wins): refused as 400.
            o.SerializerOptions.AllowDuplicateProperties = false;
            // Strict JSON: a number is a number ("5" is not 5), and the contract says so (no ["integer","string"]).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        // A body that cannot be bound throws, so ApiProblemsMiddleware can name the JSON position, in every environment alike.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddApiProblems();
        services.AddSingleton<ActiveTokens>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(TokenAuthentication.Policy, p => p
            .AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(Claims.Department));
        // Per department system: one runaway client cannot starve the others. Generous by default (ADR 0018's lookups run at hundreds a second).
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var perMinute = configuration.GetValue("Api:RequestsPerMinute", 60_000);
            o.AddPolicy(RatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(context.User.DepartmentId() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddOpenApi(o => o.DescribeDepartmentApi());
        return services;
    }

    /// <summary>Inside the pages' exception handler and status-code pages, so that on /api this one answers first.</summary>
    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.UseMiddleware<ApiProblemsMiddleware>();
        return app;
    }

    /// <summary>
    /// /api/v1 as every feature maps into it: the one place its prefix, token policy, rate limit and error behaviour are set.
    /// Machines get problem details, not the HTML status pages (which would re-execute a POST into a Razor page).
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1").RequireAuthorization(TokenAuthentication.Policy).RequireRateLimiting(RatePolicy).DisableAntiforgery()
            .WithMetadata(new SkipStatusCodePagesAttribute()).AddEndpointFilter(RefuseNullItems);

    /// <summary>
    /// A batch item sent as JSON <c>null</c> (<c>[null]</c>) binds as a null element, which no endpoint expects: 400
    /// naming every such item, before the endpoint runs (it would otherwise fail on the first one as a 500).
    /// </summary>
    private static async ValueTask<object?> RefuseNullItems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is not Array batch || batch.GetType().GetElementType() is not { IsValueType: false }) continue;
            var errors = new List<FieldError>();
            for (var i = 0; i < batch.Length; i++)
                if (batch.GetValue(i) is null) errors.Add(new FieldError(i, "item", "条目为 null，须为对象 / null item: it must be an object"));
            if (errors.Count > 0)
                return ApiProblems.Result(ApiProblems.Validation, $"批次中有 {errors.Count} 个 null 条目，未保存任何数据 / the batch holds {errors.Count} null item(s); nothing was stored", errors);
        }
        return await next(context);
    }

    /// <summary>Documents error answers of this endpoint as problem details (401/413/415/429/500/503 every endpoint has).</summary>
    public static RouteHandlerBuilder ProducesApiProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.Produces<Problem>(status, "application/problem+json");
        return builder;
    }

    public static WebApplication MapDepartmentApi(this WebApplication app)
    {
        app.MapOpenApi();
        var v1 = app.MapApiV1();
        v1.MapPost("/facts", FactsEndpoint.PostAsync)
            .WithName("SubmitFacts").WithTags("facts")
            .WithSummary("报送一批部门数据（全部成功或全部不生效）/ Submit a batch of department values, all or nothing")
            .WithDescription("与文件上传相同的校验。任一条目有误为 400，逐条列出错误；任一数据项归其他单位为 403；两者都不保存任何数据。" +
                " / The same checks as a file upload. Any invalid item is 400 listing every error; any input of another department is 403; in both nothing is stored.")
            .WithMetadata(new AcceptsIdempotencyKey())
            .Produces<BatchResult>().ProducesApiProblems(400, 403, 409, 422);
        v1.MapGet("/ratings/{creditCode}", RatingsEndpoint.GetAsync)
            .WithName("GetRating").WithTags("ratings")
            .WithSummary("查询企业最近一次评价的等级与状态 / The published rating and status of an enterprise")
            .WithDescription("只含已公开的内容（等级、状态、有效期），不含分数与数据。 / Only what was published (grade, status, validity), never scores or facts.")
            .Produces<RatingResult>().ProducesApiProblems(400, 404);
        return app;
    }
}
