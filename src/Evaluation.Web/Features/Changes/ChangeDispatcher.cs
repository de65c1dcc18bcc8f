using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// Turns recorded changes into a gap-free feed and delivers it: records expiries (a date passing is no save), numbers
/// the entries still unnumbered in one transaction after the current maximum (so a number is only ever given to a
/// committed entry, and a reader never sees n+1 before n), and calls each approved subscription with the changes after
/// the last one it acknowledged, in order, one per request, stopping at the first failure and retrying it with back-off.
/// One pass at a time per instance; instances share the work through the unique sequence index and a lease per
/// subscription (docs/decisions/0027-rating-change-delivery.md).
/// </summary>
internal sealed class ChangeDispatcher(IServiceScopeFactory scopes, IHttpClientFactory http, IDataProtectionProvider protection,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, ILogger<ChangeDispatcher> logger)
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int PerPass = 100;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public IDataProtector Secrets => protection.CreateProtector("Evaluation.Changes.WebhookSecret");

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await RecordExpiriesAsync(cancellationToken);
            await NumberAsync(cancellationToken);
            await DeliverAsync(cancellationToken);
        }
        finally { _oneAtATime.Release(); }
    }

    private async Task RecordExpiriesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var today = clock.NingboToday();
        var expired = await db.Ratings.AsNoTracking()
            .Where(r => r.Status == RatingStatus.Published && r.ValidTo < today
                && !db.Set<FeedChange>().Any(f => f.RatingId == r.Id && f.Kind == ChangeKind.Expired))
            .Join(db.Enterprises, r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e.CreditCode, e.Name })
            .Join(db.Campaigns, x => x.r.CampaignId, c => c.Id, (x, c) => new { x.r, x.CreditCode, x.Name, c.Year })
            .Take(1000).ToListAsync(cancellationToken);
        if (expired.Count == 0) return;
        foreach (var x in expired)
            db.Add(new FeedChange(Guid.CreateVersion7(), ChangeKind.Expired, x.r.Id, x.CreditCode, x.Name, x.Year, x.r.Grade, null,
                x.r.ValidFrom, x.r.ValidTo, null, NingboCalendar.StartOfDayUtc(x.r.ValidTo.AddDays(1)), FeedChange.ExpiryOf(x.r.Id)));
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e)
        {
            // Another instance recorded some of these expiries at the same moment: the unique Once key refused ours, the
            // whole save rolled back; the next pass records whatever is still missing.
            logger.LogInformation(e, "Recording expiries collided with another instance; retrying on the next pass");
        }
    }

    private async Task NumberAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var unnumbered = await db.Set<FeedChange>().Where(f => f.Sequence == null).OrderBy(f => f.Id).Take(1000).ToListAsync(cancellationToken);
        if (unnumbered.Count == 0) return;
        var next = (await db.Set<FeedChange>().MaxAsync(f => f.Sequence, cancellationToken) ?? 0) + 1;
        foreach (var change in unnumbered) change.Number(next++);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e)
        {
            // Another instance numbered at the same moment: the unique index refused ours; the next pass numbers what is left.
            logger.LogInformation(e, "Numbering the change feed collided with another instance; retrying on the next pass");
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
            due = await db.Set<WebhookSubscription>().Where(s => s.Status == SubscriptionStatus.Approved
                    && (s.NextAttemptAt == null || s.NextAttemptAt <= now) && (s.LeaseUntil == null || s.LeaseUntil < now))
                .Select(s => s.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in due) await DeliverToAsync(id, cancellationToken);
    }

    private async Task DeliverToAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var subscriptions = db.Set<WebhookSubscription>();
        var now = clock.GetUtcNow().UtcDateTime;
        var leased = await subscriptions.Where(s => s.Id == id && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, now + Lease), cancellationToken);
        if (leased == 0) return;
        try
        {
            var subscription = await subscriptions.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
            var secret = DataProtectionCommonExtensions.Unprotect(Secrets, subscription.ProtectedSecret);
            var through = subscription.DeliveredThrough;
            var changes = await db.Set<FeedChange>().AsNoTracking().Where(f => f.Sequence > through)
                .OrderBy(f => f.Sequence).Take(PerPass).ToListAsync(cancellationToken);
            // Changes the subscription does not get (other kinds, other departments' measures) are passed over in memory, not
            // with a round trip each: the next delivery's sequence covers them, or one update at the end of the page.
            long? passedOver = null;
            foreach (var change in changes)
            {
                var sequence = change.Sequence!.Value;
                if (!subscription.Wants(change.Kind) || !change.IsVisibleTo(subscription.DepartmentId))
                {
                    passedOver = sequence;
                    continue;
                }
                var error = await PostAsync(db, subscription, secret, change, cancellationToken);
                if (error is not null)
                {
                    var failures = subscription.Failures + 1;
                    await subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
                        .SetProperty(s => s.Failures, failures)
                        .SetProperty(s => s.NextAttemptAt, clock.GetUtcNow().UtcDateTime + WebhookSubscription.Backoff(failures))
                        .SetProperty(s => s.LastError, error), cancellationToken);
                    return;
                }
                await subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.DeliveredThrough, sequence).SetProperty(s => s.Failures, 0)
                    .SetProperty(s => s.NextAttemptAt, (DateTime?)null).SetProperty(s => s.LastError, (string?)null), cancellationToken);
                passedOver = null;
                subscription = await subscriptions.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
                if (subscription.Status != SubscriptionStatus.Approved || subscription.DeliveredThrough != sequence) return; // suspended or rewound meanwhile
            }
            if (passedOver is { } last)
            {
                // Only from where this pass stands: a replay or a suspension meanwhile is not overwritten.
                var from = subscription.DeliveredThrough;
                await subscriptions.Where(s => s.Id == id && s.DeliveredThrough == from && s.Status == SubscriptionStatus.Approved)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.DeliveredThrough, last), cancellationToken);
            }
        }
        finally
        {
            await subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    /// <summary>One signed POST; null when the receiver acknowledged it (2xx), else what went wrong. Every attempt is logged.</summary>
    private async Task<string?> PostAsync(EvaluationDbContext db, WebhookSubscription subscription, string secret, FeedChange change,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(ChangeItem.Of(change), json.Value.SerializerOptions);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var delivery = Guid.CreateVersion7();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.ToString());
        request.Headers.Add(WebhookSignature.SequenceHeader, change.Sequence!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {status}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e switch
            {
                TaskCanceledException => "接收方10秒内未应答 / the receiver did not answer within 10 s",
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
                    Truncate($"无法连接接收方 / cannot connect to the receiver: {e.Message}"),
                _ => Truncate($"请求失败 / the call failed: {e.Message}"),
            };
        }
        var attempt = subscription.Failures + 1;
        db.Add(new WebhookDelivery(delivery, subscription.Id, change.Sequence.Value, change.Kind, attempt, clock.GetUtcNow().UtcDateTime,
            (int)watch.ElapsedMilliseconds, status, error));
        await db.SaveChangesAsync(CancellationToken.None);
        return error;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}

/// <summary>Runs the dispatcher when a save recorded changes, and every <c>Changes:PollSeconds</c> (default 5) for retries and expiries.</summary>
internal sealed class ChangeDispatcherService(ChangeDispatcher dispatcher, ChangeSignal signal, IConfiguration configuration,
    ILogger<ChangeDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(configuration.GetValue("Changes:PollSeconds", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await dispatcher.RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogWarning(e, "Change delivery pass failed; the next pass retries"); }
            try { await signal.WaitAsync(poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>A stored delivery error ("中文 / English: detail") in the page's language: the English part, or the Chinese with the detail.</summary>
internal static class DeliveryErrors
{
    public static string InLanguage(string error)
    {
        var split = error.IndexOf(" / ", StringComparison.Ordinal);
        if (split < 0) return error; // "HTTP 500"
        var english = error[(split + 3)..];
        if (System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en") return english;
        var detail = english.IndexOf(": ", StringComparison.Ordinal);
        return error[..split] + (detail < 0 ? "" : "：" + english[(detail + 2)..]);
    }
}
