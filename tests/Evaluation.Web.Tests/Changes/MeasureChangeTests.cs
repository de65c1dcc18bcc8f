using System.Net.Http.Json;
using System.Text.Json;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Tests.SelfAssessment;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// Joint measures are in the change feed beside ratings (成果联合共享): each start, end and expiry is one entry, read
/// through the feed with the measure's name, kind, department and period; two instances ending the same measure at
/// once record its end once (the second save is refused whole, so the measure is not ended twice either).
/// </summary>
public sealed class MeasureChangeTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    protected override Task<EvaluationApp> StartAsync() =>
        EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string> { ["Changes:PollSeconds"] = "3600", ["Measures:SweepMinutes"] = "0" });

    [Fact]
    public async Task MeasuresStartEndAndExpire_InTheFeed_OnceEach()
    {
        var expiring = await NewEnterprise.CreateAsync(App);
        var revoked = await NewEnterprise.CreateAsync(App);
        await PublishAsync(expiring.EnterpriseId, Grade.D, validTo: Today);
        var rating = await PublishAsync(revoked.EnterpriseId, Grade.A, validTo: new DateOnly(2019, 9, 30));
        await ReevaluateAsync(expiring.EnterpriseId);
        await ReevaluateAsync(revoked.EnterpriseId);
        await using (var db = App.Db())
        {
            (await db.Context.Ratings.SingleAsync(r => r.Id == rating)).Revoke("测试：撤销 / test revocation", TestClock.Start.UtcDateTime);
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        await ReevaluateAsync(revoked.EnterpriseId);
        App.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            await MeasureSweep.SweepAsync(App.Services.GetRequiredService<IServiceScopeFactory>(), default);
            await MeasureSweep.SweepAsync(App.Services.GetRequiredService<IServiceScopeFactory>(), default); // nothing more
            await PassAsync();
        }
        finally { App.Clock.Advance(TimeSpan.FromDays(-1)); }

        var feed = (await (await App.AsApi("credit")).GetFromJsonAsync<ChangePage>("/api/v1/changes?after=0&limit=500", Web))!.Changes;
        var d = feed.Where(c => c.CreditCode == expiring.CreditCode && c.Measure is not null).ToList();
        d.Select(c => (c.Kind, c.Measure!.Id)).ShouldBe([(ChangeKind.MeasureStarted, "key-supervision"), (ChangeKind.MeasureExpired, "key-supervision")]);
        var started = d[0].Measure!;
        (started.NameZh, started.NameEn, started.Kind, started.Department, started.EndsOn)
            .ShouldBe(("列为重点监管对象", "Key supervision", MeasureKind.Sanction, "credit", (DateOnly?)Today));
        d[1].OccurredAt.ShouldBe(new DateTime(2018, 6, 15, 16, 0, 0, DateTimeKind.Utc)); // 00:00 in Ningbo the day after its last
        d[1].Reason.ShouldBe("有效期届满 / expired");
        (d[0].Year, d[0].Grade, d[0].ValidFrom).ShouldBe((null, null, null));

        await using var check = App.Db();
        var all = await check.Context.Set<FeedChange>().AsNoTracking().OrderBy(f => f.Sequence).ToListAsync();
        var a = all.Where(c => c.CreditCode == revoked.CreditCode).ToList();
        a.Count(c => c.Kind == ChangeKind.MeasureStarted && c.MeasureId == "special-funds").ShouldBe(1);
        a.ShouldContain(c => c.Kind == ChangeKind.MeasureEnded && c.MeasureId == "special-funds" && c.Reason == "test");
        a.ShouldContain(c => c.Kind == ChangeKind.MeasureStarted && c.MeasureId == "honours-barred");
        a.ShouldContain(c => c.Kind == ChangeKind.Revoked && c.MeasureId == null);
        all.Select(c => c.Sequence!.Value).ShouldBe(Enumerable.Range(1, all.Count).Select(i => (long)i));

        // Each department reads every rating change and its own measures' changes, no other department's.
        feed.ShouldAllBe(c => c.Measure == null || c.Measure.Department == "credit");
        feed.Count(c => c.Measure == null).ShouldBe(all.Count(f => f.MeasureId == null));
        var econ = (await (await App.AsApi("econ")).GetFromJsonAsync<ChangePage>("/api/v1/changes?after=0&limit=500", Web))!.Changes;
        econ.ShouldContain(c => c.Measure != null && c.Measure.Id == "special-funds" && c.CreditCode == revoked.CreditCode);
        econ.ShouldAllBe(c => c.Measure == null || c.Measure.Department == "econ");
    }

    [Fact]
    public async Task TwoInstancesEndingTheSameMeasureAtOnce_RecordItsEndOnce()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await PublishAsync(e.EnterpriseId, Grade.D, validTo: new DateOnly(2019, 9, 30));
        var record = (await ReevaluateAsync(e.EnterpriseId)).Started.Single();
        await using var first = App.Db();
        await using var second = App.Db();
        var mine = await first.Context.Set<MeasureRecord>().SingleAsync(m => m.Id == record.Id);
        var theirs = await second.Context.Set<MeasureRecord>().SingleAsync(m => m.Id == record.Id);
        mine.End("甲 / first", TestClock.Start.UtcDateTime);
        theirs.End("乙 / second", TestClock.Start.UtcDateTime);

        await first.Context.Because("instance 1").SaveChangesAsync();
        await Should.ThrowAsync<DbUpdateException>(() => second.Context.Because("instance 2").SaveChangesAsync());

        await using var check = App.Db();
        (await check.Context.Set<FeedChange>().CountAsync(f => f.MeasureRecordId == record.Id && f.Kind == ChangeKind.MeasureEnded)).ShouldBe(1);
        (await check.Context.Set<MeasureRecord>().SingleAsync(m => m.Id == record.Id)).EndReason.ShouldBe("甲 / first");
    }

    [Fact]
    public async Task ASubscriptionGetsTheKindsItNames_AndOnlyItsOwnDepartmentsMeasures()
    {
        await using var ratingsOnly = new WebhookReceiver();
        await using var everything = new WebhookReceiver();
        await ratingsOnly.StartAsync();
        await everything.StartAsync();
        var market = await App.AsApi("market");
        var hrss = await App.AsApi("hrss");
        var first = await SubscribeAsync(market, new { url = ratingsOnly.Url, kinds = new[] { "Published", "Revoked" } });
        var second = await SubscribeAsync(hrss, new { url = everything.Url });
        var e = await NewEnterprise.CreateAsync(App);
        await PublishAsync(e.EnterpriseId, Grade.A, validTo: new DateOnly(2019, 9, 30));
        (await ReevaluateAsync(e.EnterpriseId)).Started.Count.ShouldBe(6); // four departments' incentives

        await PassAsync();

        Changes(ratingsOnly).Select(c => c.Kind).ShouldBe([ChangeKind.Published]);
        Changes(everything).Select(c => (c.Kind, c.Measure?.Id)).ShouldBe([(ChangeKind.Published, null), (ChangeKind.MeasureStarted, "rate-adjustment")]);
        var state = (await market.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions", Web))!.Single(s => s.Id == first);
        var head = (await hrss.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions", Web))!.Single(s => s.Id == second).DeliveredThrough;
        state.DeliveredThrough.ShouldBe(head); // past the changes it does not get, not stuck before them
    }

    private async Task<Guid> SubscribeAsync(HttpClient api, object request)
    {
        var created = await api.PostAsJsonAsync("/api/v1/subscriptions", request);
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>(Web))!;
        await using var db = App.Db();
        (await db.Context.Set<WebhookSubscription>().SingleAsync(s => s.Id == subscription.Id)).Approve("admin", TestClock.Start.UtcDateTime);
        await db.Context.Because("test arrange").SaveChangesAsync();
        return subscription.Id;
    }

    private static List<ChangeItem> Changes(WebhookReceiver receiver) =>
        [.. receiver.Requests.Select(r => JsonSerializer.Deserialize<ChangeItem>(r.Body, Web)!)];

    private async Task<Guid> PublishAsync(Guid enterpriseId, Grade grade, DateOnly validTo)
    {
        var id = Guid.NewGuid();
        await using var db = App.Db();
        db.Context.Ratings.Add(new Rating(id, enterpriseId, S.CampaignId, null, grade, new DateOnly(2017, 10, 1), validTo, TestClock.Start.UtcDateTime));
        await db.Context.Because("test arrange").SaveChangesAsync();
        return id;
    }

    private async Task<MeasureChanges> ReevaluateAsync(Guid enterpriseId)
    {
        await using var scope = App.Db();
        return await scope.Services.GetRequiredService<MeasureKeeper>().ReevaluateAsync(enterpriseId, "test", default);
    }

    private Task PassAsync() => App.Services.GetRequiredService<ChangeDispatcher>().RunOnceAsync(CancellationToken.None);
}
