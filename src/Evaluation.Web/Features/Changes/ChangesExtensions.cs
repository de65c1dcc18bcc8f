using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Features.Changes;

/// <summary>Rating changes for departments: the feed, webhook subscriptions the centre approves, and their delivery.</summary>
internal static class ChangesExtensions
{
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, ChangeCapture>();
        services.AddSingleton<ChangeDispatcher>();
        services.AddHostedService<ChangeDispatcherService>();
        // A receiver that hangs must not hold the others up for long; it is retried with back-off.
        services.AddHttpClient(ChangeDispatcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    public static WebApplication MapChanges(this WebApplication app)
    {
        var v1 = app.MapApiV1();
        v1.MapGet("/changes", ChangesEndpoints.FeedAsync)
            .WithName("ListChanges").WithTags("changes")
            .WithSummary("读取评价结果与措施的变更流（按序号分页）/ Read the change feed of ratings and measures, a page after a sequence")
            .WithDescription("含全部评价结果的变更，以及本单位负责实施的联合奖惩措施的变更。从 after=0 开始，每次以上一页的 next 作为 after，" +
                "直到 hasMore 为 false；之后定期以最后的 next 查询。序号递增、不重复（其他单位措施的序号不出现），按此读取不会遗漏。 / Every " +
                "rating change, and the changes of the joint measures this department carries out. Start with after=0 and pass each page's " +
                "`next` as the next `after` until `hasMore` is false; then poll with the last `next`. Sequences increase and never repeat " +
                "(those of other departments' measures are not shown), so reading this way misses nothing.")
            .Produces<ChangePage>().ProducesApiProblems(400);
        v1.MapPost("/subscriptions", ChangesEndpoints.SubscribeAsync)
            .WithName("CreateSubscription").WithTags("changes")
            .WithSummary("申请推送订阅（经评价中心批准后生效）/ Ask for webhook delivery (starts once the centre approves)")
            .WithDescription("返回签名密钥（仅此一次）。批准后每条变更以一次 POST 按序送达，带 HMAC-SHA256 签名；接收方以 2xx 确认，否则按退避重试，" +
                "不跳过。 / Returns the signing secret (this once). Once approved, each change is POSTed in order, signed with HMAC-SHA256; " +
                "the receiver acknowledges with 2xx, otherwise it is retried with back-off, never skipped.")
            .Produces<SubscriptionView>(StatusCodes.Status201Created).ProducesApiProblems(400);
        v1.MapGet("/subscriptions", ChangesEndpoints.ListAsync)
            .WithName("ListSubscriptions").WithTags("changes")
            .WithSummary("本单位的推送订阅及其投递进度 / This department's webhook subscriptions and their progress")
            .WithDescription("不含签名密钥。 / Without the signing secrets.")
            .Produces<List<SubscriptionView>>();
        return app;
    }
}
