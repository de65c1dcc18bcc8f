using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// A department's own page of subscriptions (/department/subscriptions): it requests one (the secret shown once, the
/// request pending until the centre approves), sees its status, progress and deliveries once approved, in Chinese
/// and in English; another department sees none of it; an invalid URL or no kind is a 400 with the reason.
/// </summary>
public sealed partial class DepartmentSubscriptionPageTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() =>
        EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string> { ["Changes:PollSeconds"] = "3600" });

    [GeneratedRegex("<pre>(whsec_[^<]+)</pre>")]
    private static partial Regex SecretShown();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    [Fact]
    public async Task ADepartmentRequestsASubscription_SeesItPending_ThenItsDeliveries_InBothLanguages()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var hrss = await App.AsDepartment("hrss");

        var response = await PostAsync(hrss, receiver.Url, [ChangeKind.Published, ChangeKind.MeasureStarted]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        var secret = SecretShown().Match(page).Groups[1].Value;
        secret.ShouldStartWith("whsec_");
        page.ShouldContain("等待评价中心批准");
        page.ShouldContain("待批准");
        Guid id;
        await using (var db = App.Db())
        {
            var subscription = await db.Context.Set<WebhookSubscription>().SingleAsync(s => s.DepartmentId == "hrss" && s.Url == receiver.Url);
            subscription.Status.ShouldBe(SubscriptionStatus.Pending);
            subscription.KindList.ShouldBe([ChangeKind.Published, ChangeKind.MeasureStarted]);
            (await db.Context.AuditEntries.AnyAsync(a => a.EntityId == subscription.Id.ToString() && a.Action == "Added")).ShouldBeTrue();
            id = subscription.Id;
        }
        (await hrss.GetStringAsync("/department/subscriptions")).ShouldNotContain(secret); // shown that once only
        (await (await App.AsDepartment("safety")).GetStringAsync("/department/subscriptions")).ShouldNotContain(receiver.Url);

        var admin = await App.AsAdmin();
        (await admin.PostFormAsync("/admin/subscriptions?handler=Approve", new() { ["id"] = id.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = App.Db())
        {
            db.Context.Ratings.Add(new Rating(Guid.NewGuid(), S.EnterpriseBId, S.CampaignId, null, Grade.B, new DateOnly(2018, 6, 15), new DateOnly(2021, 6, 14),
                TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        await App.Services.GetRequiredService<ChangeDispatcher>().RunOnceAsync(CancellationToken.None);
        receiver.Requests.Count.ShouldBe(1);
        WebhookSignature.Verify(secret, receiver.Requests.Single().Timestamp!, receiver.Requests.Single().Signature!, receiver.Requests.Single().Body,
            App.Clock.GetUtcNow()).ShouldBeTrue(); // the secret the page showed signs the deliveries

        var approved = await hrss.GetStringAsync("/department/subscriptions");
        approved.ShouldContain("推送中");
        approved.ShouldContain("已送达（HTTP 200）");

        await hrss.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/department/subscriptions" });
        var english = await hrss.GetStringAsync("/department/subscriptions");
        english.ShouldContain("Change subscriptions");
        english.ShouldContain("delivered (HTTP 200)", Case.Insensitive);
        english.ShouldContain("Active");
        var start = english.IndexOf("<main", StringComparison.Ordinal);
        var main = english[start..english.IndexOf("</main>", start, StringComparison.Ordinal)];
        Chinese().Matches(main).Select(m => m.Value).ShouldBeEmpty("the English page says nothing in Chinese but the data");
        await hrss.PostFormAsync("/culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/" });
    }

    [Fact]
    public async Task AnInvalidRequest_Is400WithTheReason_AndStoresNothing()
    {
        var hrss = await App.AsDepartment("hrss");
        await using var before = App.Db();
        var count = await before.Context.Set<WebhookSubscription>().CountAsync();

        var plainHttp = await PostAsync(hrss, "http://hrss.example.gov.cn/hooks", [ChangeKind.Published]);
        var noKind = await PostAsync(hrss, "https://hrss.example.gov.cn/hooks", []);

        plainHttp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await plainHttp.Content.ReadAsStringAsync()).ShouldContain("接收地址须为完整的 https 地址");
        noKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noKind.Content.ReadAsStringAsync()).ShouldContain("请至少选择一种变更类型");
        await using var after = App.Db();
        (await after.Context.Set<WebhookSubscription>().CountAsync()).ShouldBe(count);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IReadOnlyList<ChangeKind> kinds)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await Forms.AntiforgeryTokenAsync(client, "/department/subscriptions")), new("Address", url),
        };
        fields.AddRange(kinds.Select(k => new KeyValuePair<string, string>("Kinds", k.ToString())));
        return await client.PostAsync("/department/subscriptions", new FormUrlEncodedContent(fields));
    }
}
