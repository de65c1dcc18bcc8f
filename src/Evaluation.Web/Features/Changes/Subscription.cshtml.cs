using Evaluation.Web.Features.Departments;

namespace Evaluation.Web.Features.Changes;

/// <summary>One subscription's delivery log (latest first) and replay: deliver again every change after a chosen one.</summary>
[Authorize(Policy = Policies.Administrator)]
internal sealed class SubscriptionModel(EvaluationDbContext db, ChangeSignal signal) : PageModel
{
    public const int LogRows = 200;

    public WebhookSubscription Subscription { get; private set; } = null!;
    public Department? Department { get; private set; }
    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];
    public long Head { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplayAsync(Guid id, long from, CancellationToken cancellationToken)
    {
        var subscription = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null) return NotFound();
        var head = await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0;
        if (from < 1 || from > head)
        {
            ModelState.AddModelError(nameof(from), $"变更序号须为1至{head} / the change number must be 1 to {head}");
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        subscription.RewindTo(from - 1);
        await db.Because($"重新投递第{from}号起的变更 / replay from change {from}").SaveChangesAsync(cancellationToken);
        signal.Wake();
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.Set<WebhookSubscription>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null) return false;
        Subscription = subscription;
        Department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == subscription.DepartmentId, cancellationToken);
        Deliveries = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Sequence).ThenByDescending(d => d.Attempt).Take(LogRows).ToListAsync(cancellationToken);
        Head = await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0;
        return true;
    }
}
