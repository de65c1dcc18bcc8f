using System.Net.Http.Json;
using System.Text.Json;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// Several instances on one PostgreSQL database, each with its own dispatcher (the app's plus three made like it,
/// each serialising only its own passes), running their passes at the same moment: every expiry is recorded once,
/// every entry gets one number with none skipped, and one subscription receives each change once, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentDispatchTests(PostgresServer server, AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    private const int Instances = 4;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    protected override Task<EvaluationApp> StartAsync() =>
        EvaluationApp.StartPostgresAsync(server, new Dictionary<string, string> { ["Changes:PollSeconds"] = "3600", ["Measures:SweepMinutes"] = "0" });

    [Fact]
    public async Task FourDispatchersAtOnce_RecordEachExpiryOnce_NumberWithoutGaps_AndDeliverEachChangeOnceInOrder()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var api = await App.AsApi("court");
        var created = await api.PostAsJsonAsync("/api/v1/subscriptions", new { url = receiver.Url, after = 0 });
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>(Web))!;
        await using (var db = App.Db())
        {
            (await db.Context.Set<WebhookSubscription>().SingleAsync(s => s.Id == subscription.Id)).Approve("admin", TestClock.Start.UtcDateTime);
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var dispatchers = new[] { App.Services.GetRequiredService<ChangeDispatcher>() }
            .Concat(Enumerable.Range(1, Instances - 1).Select(_ => ActivatorUtilities.CreateInstance<ChangeDispatcher>(App.Services))).ToList();

        var enterprises = new Queue<Guid>(await EnterprisesAsync(5 * 4 * 3));
        var expired = new List<Guid>();
        for (var round = 0; round < 5; round++)
        {
            // Each round: ratings published (some already past their validity) in several saves, then every instance's pass at once.
            var batches = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3).Select(_ => enterprises.Dequeue()).ToList()).ToList();
            await Task.WhenAll(batches.Select(async batch =>
            {
                await using var db = App.Db();
                for (var i = 0; i < batch.Count; i++)
                {
                    var id = Guid.NewGuid();
                    var past = i == 0;
                    db.Context.Ratings.Add(new Rating(id, batch[i], S.CampaignId, null, Grade.B, new DateOnly(2015, 1, 1),
                        past ? new DateOnly(2017, 12, 31) : new DateOnly(2021, 6, 14), TestClock.Start.UtcDateTime));
                    if (past) lock (expired) expired.Add(id);
                }
                await db.Context.Because("test arrange").SaveChangesAsync();
            }));
            await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.RunOnceAsync(CancellationToken.None))));
        }
        // Whatever a collision left for the next pass: a few more passes, still all at once.
        for (var settle = 0; settle < 3; settle++)
            await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.RunOnceAsync(CancellationToken.None))));

        await using var check = App.Db();
        var all = await check.Context.Set<FeedChange>().AsNoTracking().ToListAsync();
        all.ShouldAllBe(f => f.Sequence != null);
        all.Select(f => f.Sequence!.Value).Order().ShouldBe(Enumerable.Range(1, all.Count).Select(i => (long)i)); // one number each, no gap
        var expiries = all.Where(f => f.Kind == ChangeKind.Expired).ToList();
        expiries.Select(f => f.RatingId!.Value).ShouldBe(expired, ignoreOrder: true); // each once
        all.Count(f => f.Kind == ChangeKind.Published).ShouldBe(5 * 4 * 3);

        var received = receiver.Requests.Select(r => JsonSerializer.Deserialize<ChangeItem>(r.Body, Web)!).ToList();
        received.Select(c => c.Sequence).ShouldBe(all.Select(f => f.Sequence!.Value).Order()); // once each, in order, none missing
        received.Select(c => c.Id).ShouldBe(all.OrderBy(f => f.Sequence).Select(f => f.Id));
        var state = await check.Context.Set<WebhookSubscription>().AsNoTracking().SingleAsync(s => s.Id == subscription.Id);
        (state.DeliveredThrough, state.LeaseUntil).ShouldBe((all.Count, (DateTime?)null));
    }

    private async Task<List<Guid>> EnterprisesAsync(int count)
    {
        await using var db = App.Db();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var first17 = "91330203MA" + (3998000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var code = Features.Enterprises.CreditCode.Parse(first17 + Features.Enterprises.CreditCode.CheckCharacter(first17));
            db.Context.Enterprises.Add(new Features.Enterprises.Enterprise(id, code, $"宁波并发测试{i}有限公司", Features.Enterprises.District.Haishu, "C1711",
                Features.Enterprises.SizeClass.Small, null, TestClock.Start.UtcDateTime));
            ids.Add(id);
        }
        await db.Context.Because("test arrange").SaveChangesAsync();
        return ids;
    }
}
