using Evaluation.Web.Features.Departments;

namespace Evaluation.Web.Features.Changes;

/// <summary>The centre administrator approves, rejects, suspends or resumes departments' webhook subscriptions.</summary>
[Authorize(Policy = Policies.Administrator)]
internal sealed class SubscriptionsModel(EvaluationDbContext db, AuditActor actor, TimeProvider clock, ChangeSignal signal) : PageModel
{
    public IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];
    public IReadOnlyDictionary<string, Department> Departments { get; private set; } = new Dictionary<string, Department>();
    public long Head { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Subscriptions = await db.Set<WebhookSubscription>().AsNoTracking()
            .OrderBy(s => s.Status == SubscriptionStatus.Pending ? 0 : 1).ThenByDescending(s => s.RequestedAt).ToListAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, cancellationToken);
        Head = await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0;
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, (s, now) => s.Approve(actor.Name, now), "批准推送订阅 / webhook subscription approved", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, (s, now) => s.Reject(actor.Name, now), "拒绝推送订阅 / webhook subscription rejected", cancellationToken);

    public Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, (s, now) => s.Suspend(actor.Name, now), "暂停推送订阅 / webhook subscription suspended", cancellationToken);

    /// <summary>An illegal move (approving a rejected one, a second click) changes nothing and answers 409.</summary>
    private async Task<IActionResult> DecideAsync(Guid id, Action<WebhookSubscription, DateTime> decide, string reason, CancellationToken cancellationToken)
    {
        var subscription = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null) return NotFound();
        try { decide(subscription, clock.GetUtcNow().UtcDateTime); }
        catch (InvalidOperationException)
        {
            return new ContentResult { StatusCode = StatusCodes.Status409Conflict, ContentType = "text/plain; charset=utf-8",
                Content = "此订阅的状态已变化，请刷新页面 / the subscription's state changed; reload the page" };
        }
        await db.Because(reason).SaveChangesAsync(cancellationToken);
        signal.Wake();
        return RedirectToPage();
    }
}
