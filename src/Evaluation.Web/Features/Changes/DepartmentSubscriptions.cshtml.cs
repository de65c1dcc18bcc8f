using Evaluation.Web.Features.DepartmentData.Api;
using Microsoft.Extensions.Localization;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// A department's own webhook subscriptions (成果共享): request one (the signing secret shown this once; it waits for
/// the centre's approval at /admin/subscriptions), see each one's status and progress, and its latest deliveries.
/// The same request as POST /api/v1/subscriptions, for a department whose system has no token yet.
/// </summary>
[Authorize(Policy = Policies.Department)]
internal sealed class DepartmentSubscriptionsModel(EvaluationDbContext db, ChangeDispatcher dispatcher, AuditActor actor, TimeProvider clock,
    IStringLocalizer<Localization.SharedResource> l) : PageModel
{
    public const int LogRows = 20;

    [BindProperty] public string Address { get; set; } = "";
    [BindProperty] public List<ChangeKind> Kinds { get; set; } = [];
    [BindProperty] public bool FromStart { get; set; }

    public IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];
    public ILookup<Guid, WebhookDelivery> Deliveries { get; private set; } = Array.Empty<WebhookDelivery>().ToLookup(d => d.SubscriptionId);
    public long Head { get; private set; }

    /// <summary>The secret of the subscription just requested: shown once, never stored in clear.</summary>
    public string? Secret { get; private set; }
    public Guid? Requested { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kinds = [.. Enum.GetValues<ChangeKind>()]; // every kind offered, checked
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new SubscriptionRequest(Address ?? "", Kinds, FromStart ? 0 : null);
        // The API's checks, said in the page's language.
        if (ChangesEndpoints.Validate(request).Count > 0) ModelState.AddModelError(nameof(Address), l["接收地址须为完整的 https 地址（仅本机回环地址可用 http），至多500字符。"]);
        if (Kinds.Count == 0) ModelState.AddModelError(nameof(Kinds), l["请至少选择一种变更类型。"]);
        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (subscription, secret) = await ChangesEndpoints.RequestAsync(request, User.DepartmentId()!, actor.Name, db, dispatcher, clock,
            "成员单位在页面申请推送订阅 / webhook subscription requested on the department's page", cancellationToken);
        (Secret, Requested) = (secret, subscription.Id);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var department = User.DepartmentId()!;
        Subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.DepartmentId == department)
            .OrderByDescending(s => s.RequestedAt).ToListAsync(cancellationToken);
        var ids = Subscriptions.Select(s => s.Id).ToList();
        var log = new List<WebhookDelivery>();
        foreach (var id in ids) // the latest few of each; a department has a handful of subscriptions
            log.AddRange(await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == id)
                .OrderByDescending(d => d.At).ThenByDescending(d => d.Sequence).ThenByDescending(d => d.Attempt).Take(LogRows).ToListAsync(cancellationToken));
        Deliveries = log.ToLookup(d => d.SubscriptionId);
        Head = await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0;
    }
}
