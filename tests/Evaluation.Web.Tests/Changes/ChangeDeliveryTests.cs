using System.Net.Http.Json;
using System.Text.Json;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// Rating changes reach departments: as signed webhooks, in order, once each, a receiver that was down catching up
/// when it returns; and as the cursor-paged feed, which says the same thing. The receiver is a real HTTP server on
/// 127.0.0.1; the dispatcher's passes are run by the test (the background loop may run them too: they are serialised).
/// </summary>
public sealed class ChangeDeliveryTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() =>
        EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string> { ["Changes:PollSeconds"] = "3600" });

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task ReceiverDownWhileRatingsChange_GetsEveryChangeOnceInOrderWhenBack()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var api = await App.AsApi("hrss");
        var created = await api.PostAsJsonAsync("/api/v1/subscriptions", new { url = receiver.Url });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>(Web))!;
        subscription.Status.ShouldBe(SubscriptionStatus.Pending);

        var a = await PublishAsync(S.EnterpriseAId, Grade.A);
        await PassAsync();
        receiver.Requests.ShouldBeEmpty(); // nothing goes out before the centre approves
        await ApproveAsync(subscription.Id);
        await PassAsync();
        receiver.Requests.Count.ShouldBe(1);

        var b = await PublishAsync(S.EnterpriseBId, Grade.B);
        await PassAsync();
        receiver.Requests.Count.ShouldBe(2);

        await receiver.StopAsync();
        await ChangeAsync(b, r => r.Downgrade(Grade.C, "测试：降级 / test downgrade"));
        await ChangeAsync(a, r => r.Revoke("测试：撤销 / test revocation", TestClock.Start.UtcDateTime));
        await PassAsync();
        await PassAsync(); // within the back-off: no second attempt
        var failed = await DeliveriesAsync(subscription.Id);
        failed.Count(d => !d.Succeeded).ShouldBe(1);

        await receiver.StartAsync();
        App.Clock.Advance(WebhookSubscription.Backoff(1) + TimeSpan.FromSeconds(1));
        await PassAsync();

        var received = receiver.Requests.Select(r => (Request: r, Change: JsonSerializer.Deserialize<ChangeItem>(r.Body, Web)!)).ToList();
        var feed = await FeedAsync(api, 0, 100);
        var expected = feed.Where(c => c.CreditCode is Scenario.CreditCodeA or Scenario.CreditCodeB).ToList();
        received.Select(r => r.Change.Sequence).ShouldBe(expected.Select(c => c.Sequence)); // once each, in feed order, none missing
        received.Select(r => r.Change.Kind).ShouldBe([ChangeKind.Published, ChangeKind.Published, ChangeKind.Downgraded, ChangeKind.Revoked]);
        received[2].Change.PreviousGrade.ShouldBe(Grade.B);
        received[2].Change.Grade.ShouldBe(Grade.C);
        received[3].Change.Reason.ShouldBe("测试：撤销 / test revocation");
        foreach (var (request, change) in received)
        {
            WebhookSignature.Verify(subscription.Secret!, request.Timestamp!, request.Signature!, request.Body, App.Clock.GetUtcNow()).ShouldBeTrue();
            request.Sequence.ShouldBe(change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        WebhookSignature.Verify("whsec_wrong", received[0].Request.Timestamp!, received[0].Request.Signature!, received[0].Request.Body,
            App.Clock.GetUtcNow()).ShouldBeFalse();
        var log = await DeliveriesAsync(subscription.Id);
        (log.Count(d => d.Succeeded), log.Count(d => !d.Succeeded)).ShouldBe((4, 1));
        var state = (await api.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions", Web))!.Single(s => s.Id == subscription.Id);
        (state.DeliveredThrough, state.Failures, state.Secret).ShouldBe((expected[^1].Sequence, 0, null));
    }

    [Fact]
    public async Task Feed_PagesWithoutGapsOrRepeats_AndRejectsABadLimit()
    {
        var api = await App.AsApi("credit");
        var all = await FeedAsync(api, 0, ChangesEndpoints.MaxLimit);
        var paged = new List<ChangeItem>();
        long after = 0;
        while (true)
        {
            var page = (await api.GetFromJsonAsync<ChangePage>($"/api/v1/changes?after={after}&limit=1", Web))!;
            paged.AddRange(page.Changes);
            after = page.Next;
            if (!page.HasMore) break;
        }

        paged.Select(c => c.Id).ShouldBe(all.Select(c => c.Id));
        all.Select(c => c.Sequence).ShouldBe(Enumerable.Range(1, all.Count).Select(i => (long)i)); // 1, 2, 3 … no gap
        (await api.GetAsync("/api/v1/changes?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RatingPastItsValidity_IsReportedExpiredOnce()
    {
        var rating = Guid.NewGuid();
        var enterprise = await NewEnterpriseAsync();
        await using (var db = App.Db())
        {
            db.Context.Ratings.Add(new Rating(rating, enterprise, S.CampaignId, null, Grade.B, new DateOnly(2015, 1, 1), new DateOnly(2017, 12, 31),
                TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }

        await PassAsync();
        await PassAsync();

        await using var check = App.Db();
        (await check.Context.Set<FeedChange>().CountAsync(f => f.RatingId == rating && f.Kind == ChangeKind.Expired)).ShouldBe(1);
    }

    private async Task<Guid> NewEnterpriseAsync()
    {
        await using var db = App.Db();
        var id = Guid.NewGuid();
        const string first17 = "91330203MA3999001";
        var code = Features.Enterprises.CreditCode.Parse(first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
        db.Context.Enterprises.Add(new Features.Enterprises.Enterprise(id, code, "宁波到期测试有限公司", Features.Enterprises.District.Haishu, "C1711",
            Features.Enterprises.SizeClass.Small, null, TestClock.Start.UtcDateTime));
        await db.Context.Because("test arrange").SaveChangesAsync();
        return id;
    }

    private async Task<Guid> PublishAsync(Guid enterprise, Grade grade)
    {
        var id = Guid.NewGuid();
        await using var db = App.Db();
        db.Context.Ratings.Add(new Rating(id, enterprise, S.CampaignId, null, grade, new DateOnly(2018, 6, 15), new DateOnly(2021, 6, 14),
            TestClock.Start.UtcDateTime));
        await db.Context.Because("test arrange").SaveChangesAsync();
        return id;
    }

    private async Task ChangeAsync(Guid rating, Action<Rating> change)
    {
        await using var db = App.Db();
        change(await db.Context.Ratings.SingleAsync(r => r.Id == rating));
        await db.Context.Because("test arrange").SaveChangesAsync();
    }

    private async Task ApproveAsync(Guid subscription)
    {
        await using var db = App.Db();
        (await db.Context.Set<WebhookSubscription>().SingleAsync(s => s.Id == subscription)).Approve("admin", TestClock.Start.UtcDateTime);
        await db.Context.Because("test arrange").SaveChangesAsync();
    }

    private Task PassAsync() => App.Services.GetRequiredService<ChangeDispatcher>().RunOnceAsync(CancellationToken.None);

    private async Task<List<WebhookDelivery>> DeliveriesAsync(Guid subscription)
    {
        await using var db = App.Db();
        return await db.Context.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscription).ToListAsync();
    }

    private static async Task<List<ChangeItem>> FeedAsync(HttpClient api, long after, int limit) =>
        (await api.GetFromJsonAsync<ChangePage>($"/api/v1/changes?after={after}&limit={limit}", Web))!.Changes.ToList();
}
