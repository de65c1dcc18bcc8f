using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>/api/v1 for department systems: token, scope, all-or-nothing batches, idempotency keys, ratings.</summary>
public abstract class DepartmentApiTests(AppHolder holder) : AppTests(holder)
{
    [Theory]
    [InlineData(null)]
    [InlineData("ndt_not-a-real-token")]
    public async Task PostFacts_WithoutAValidToken_Is401AndStoresNothing(string? token)
    {
        var client = App.Anonymous();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = await FactCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeA, "wage_arrears_cases", 1) });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PostFacts_WithARevokedToken_Is401()
    {
        var client = await App.AsApi("hrss");
        await using (var scope = App.Db())
        {
            foreach (var t in await scope.Context.Set<DepartmentToken>().ToListAsync()) t.Revoke(TestClock.Start.UtcDateTime);
            await scope.Context.SaveChangesAsync();
        }

        var response = await client.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeA, "wage_arrears_cases", 1) });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostFacts_AnotherDepartmentsInput_Is403AndStoresNothing()
    {
        var client = await App.AsApi("hrss");
        var before = await FactCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/facts",
            new[] { Item(Scenario.CreditCodeA, "working_hours_violations", 1), Item(Scenario.CreditCodeA, "injury_accidents", 0) });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("injury_accidents");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PostFacts_MalformedBatch_Is400WithEveryErrorAndStoresNothing()
    {
        var client = await App.AsApi("hrss");
        var before = await FactCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/facts", new object[]
        {
            Item(Scenario.CreditCodeA, "working_hours_violations", 1), // valid, but not stored: all or nothing
            Item("91330100716105852F", "working_hours_violations", 1),
            Item(Scenario.CreditCodeB, "working_hours_violations", "many"),
            Item(Scenario.CreditCodeB, "min_wage_violations", -2),
            Item(Scenario.CreditCodeA, "working_hours_violations", 2),
            Item(Scenario.CreditCodeA, "no_such_input", 2),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var indexes = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("index").GetInt32()).ToList();
        indexes.ShouldBe([1, 2, 3, 4, 5], ignoreOrder: true);
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PostFacts_RetriedWithTheSameIdempotencyKey_AppliesOnce()
    {
        var client = await App.AsApi("hrss");
        var batch = new[] { Item(Scenario.CreditCodeB, "overtime_pay_violations", 3, "监察结果") };
        var before = await FactCountAsync();

        var first = await PostWithKeyAsync(client, batch, "batch-0001");
        var retry = await PostWithKeyAsync(client, batch, "batch-0001");
        var reused = await PostWithKeyAsync(client, new[] { Item(Scenario.CreditCodeB, "overtime_pay_violations", 4) }, "batch-0001");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await first.Content.ReadAsStringAsync()).ShouldContain("\"changed\":1");
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await FactCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task PostFacts_RejectedBatch_LeavesItsIdempotencyKeyFreeForTheCorrectedBatch()
    {
        var client = await App.AsApi("hrss");

        var rejected = await PostWithKeyAsync(client, new[] { Item(Scenario.CreditCodeB, "working_hours_violations", "x") }, "batch-0002");
        var corrected = await PostWithKeyAsync(client, new[] { Item(Scenario.CreditCodeB, "working_hours_violations", 2) }, "batch-0002");

        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostFacts_SameValuesWithoutAKey_ChangeNothing()
    {
        var client = await App.AsApi("hrss");
        var batch = new[] { Item(Scenario.CreditCodeA, "women_protection_violations", 1) };
        await client.PostAsJsonAsync("/api/v1/facts", batch);
        var before = await FactCountAsync();

        var again = await client.PostAsJsonAsync("/api/v1/facts", batch);

        (await again.Content.ReadAsStringAsync()).ShouldContain("\"unchanged\":1");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PostFacts_TheSameNumberWrittenDifferently_IsNoChange()
    {
        var client = await App.AsApi("hrss");
        await client.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeB, "min_wage_violations", 1) });
        var before = await FactCountAsync();

        var again = await client.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeB, "min_wage_violations", " 1 ") });

        (await again.Content.ReadAsStringAsync()).ShouldContain("\"changed\":0");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task GetRating_ShowsThePublishedGradeAndStatusOnly()
    {
        var client = await App.AsApi("credit");
        await using (var scope = App.Db())
        {
            scope.Context.Ratings.Add(new Rating(Guid.NewGuid(), S.EnterpriseBId, S.CampaignId, null, Grade.A,
                new DateOnly(2018, 9, 15), new DateOnly(2021, 9, 14), TestClock.Start.UtcDateTime));
            await scope.Context.Because("test").SaveChangesAsync();
        }

        var found = await client.GetStringAsync($"/api/v1/ratings/{Scenario.CreditCodeB}");
        var missing = await client.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}");

        found.ShouldContain("\"grade\":\"A\"");
        found.ShouldContain("\"status\":\"Published\"");
        found.ShouldNotContain("total", Case.Insensitive);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheV1Endpoints()
    {
        var json = await App.Anonymous().GetStringAsync("/openapi/v1.json");

        json.ShouldContain("/api/v1/facts");
        json.ShouldContain("/api/v1/ratings/{creditCode}");
    }

    [Fact]
    public async Task AdminPage_TokenNameTooLong_IsAFormErrorAndIssuesNothing()
    {
        var admin = await App.AsAdmin();
        int before;
        await using (var scope = App.Db()) before = await scope.Context.Set<DepartmentToken>().CountAsync();

        var response = await admin.PostFormAsync("/admin/department-tokens?handler=Issue",
            new() { ["departmentId"] = "safety", ["name"] = new string('名', 101) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("at most 100 characters");
        await using (var scope = App.Db()) (await scope.Context.Set<DepartmentToken>().CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AdminPage_IssuesATokenShownOnceThatWorksUntilRevoked()
    {
        var admin = await App.AsAdmin();

        var issued = await (await admin.PostFormAsync("/admin/department-tokens?handler=Issue",
            new() { ["departmentId"] = "safety", ["name"] = "安监系统" })).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(issued, "<pre id=\"issued-token\">([^<]+)</pre>").Groups[1].Value;
        var api = App.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await api.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}")).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        (await admin.GetStringAsync("/admin/department-tokens")).ShouldNotContain(token);
        await using (var scope = App.Db())
            (await scope.Context.Set<DepartmentToken>().AnyAsync(t => t.Hash == DepartmentToken.HashOf(token))).ShouldBeTrue();
    }

    [Fact]
    public async Task RevokedToken_HereIsRefusedAtOnce_ElsewhereWritesAtOnceAndReadsWithinTenSeconds()
    {
        var admin = await App.AsAdmin();
        async Task<(HttpClient Api, Guid Id)> IssueAsync(string name)
        {
            var issued = await (await admin.PostFormAsync("/admin/department-tokens?handler=Issue",
                new() { ["departmentId"] = "hrss", ["name"] = name })).Content.ReadAsStringAsync();
            var token = System.Text.RegularExpressions.Regex.Match(issued, "<pre id=\"issued-token\">([^<]+)</pre>").Groups[1].Value;
            var api = App.Anonymous();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await using var scope = App.Db();
            return (api, (await scope.Context.Set<DepartmentToken>().SingleAsync(t => t.Hash == DepartmentToken.HashOf(token))).Id);
        }
        Task<HttpResponseMessage> Read(HttpClient api) => api.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}");

        // Revoked on this instance's page: refused at once, even for reads it had just trusted.
        var (here, hereId) = await IssueAsync("本机吊销");
        (await Read(here)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        (await admin.PostFormAsync("/admin/department-tokens?handler=Revoke", new() { ["id"] = hereId.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Read(here)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Revoked by another instance (straight in the table): still trusted for reads a few seconds, never for writes.
        async Task RevokeElsewhereAsync(Guid id)
        {
            await using var scope = App.Db();
            (await scope.Context.Set<DepartmentToken>().SingleAsync(t => t.Id == id)).Revoke(TestClock.Start.UtcDateTime);
            await scope.Context.Because("test: revoked on another instance").SaveChangesAsync();
        }
        var (writer, writerId) = await IssueAsync("他机吊销甲");
        (await Read(writer)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        await RevokeElsewhereAsync(writerId);
        (await Read(writer)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, "a read trusts the check of a moment ago");
        (await writer.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeA, "wage_arrears_cases", 1) }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a write always asks the table");
        (await Read(writer)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "and what the write learnt, the reads know");

        var (reader, readerId) = await IssueAsync("他机吊销乙");
        (await Read(reader)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        await RevokeElsewhereAsync(readerId);
        App.Clock.Advance(Features.DepartmentData.Api.ActiveTokens.ReadsTrustFor + TimeSpan.FromSeconds(1));
        (await Read(reader)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "ten seconds on, reads ask the table again");
    }

    private static object Item(string creditCode, string inputId, object value, string? note = null) =>
        new { creditCode, inputId, value, note };

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, object batch, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facts") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<int> FactCountAsync()
    {
        await using var scope = App.Db();
        return await scope.Context.Facts.CountAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DepartmentApiTestsOnPostgres(PostgresServer server, AppHolder holder)
    : DepartmentApiTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class DepartmentApiTestsOnSqlite(AppHolder holder) : DepartmentApiTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
