using System.Net.Http.Json;
using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// Issue 15 items 1, 2 and 8 in the department channels: a credit code is a key by its normalised form (letter
/// case does not make a second enterprise, in a file or an API batch); an Idempotency-Key's claim never outlives
/// a batch that did not commit, and two concurrent retries apply a batch once; the bearer scheme is case-insensitive.
/// </summary>
public abstract class ApiHardeningTests(AppHolder holder) : AppTests(holder)
{
    private static readonly string CodeBLower = Scenario.CreditCodeB.ToLowerInvariant();

    [Fact]
    public async Task ApiBatch_WithOneCreditCodeInTwoLetterCases_IsADuplicate_AndStoresNothing()
    {
        var api = await App.AsApi("hrss");
        var before = await FactCountAsync();

        var response = await api.PostAsJsonAsync("/api/v1/facts", new[]
        {
            new { creditCode = Scenario.CreditCodeB, inputId = "working_hours_violations", value = 1 },
            new { creditCode = CodeBLower, inputId = "working_hours_violations", value = 2 },
        });

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("\"index\":1");
        body.ShouldContain("duplicate");
        (await FactCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task UploadedFile_WithOneCreditCodeInTwoLetterCases_IsADuplicateRow()
    {
        var hrss = await App.AsDepartment("hrss");
        var csv = $"统一社会信用代码 credit_code,拖欠工资 wage_arrears_cases\n{Scenario.CreditCodeB},1\n{CodeBLower},2\n";

        var (response, html) = await hrss.PreviewAsync(csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("duplicate row");
        html.ShouldNotContain("name=\"upload\"", customMessage: "a file with errors offers no commit");
    }

    [Fact]
    public async Task AClaimLeftInProgress_ByACrashedEarlierVersion_DoesNotBlockTheRetry()
    {
        var api = await App.AsApi("hrss");
        await using (var scope = App.Db())
        {
            // What the claim-first version left when the app or the database died mid-batch: a claim without an answer.
            scope.Context.Set<IdempotentRequest>().Add(new IdempotentRequest("hrss", "left-over", "0", 0, "", TestClock.Start.UtcDateTime));
            await scope.Context.SaveChangesAsync();
        }
        var batch = new[] { new { creditCode = Scenario.CreditCodeB, inputId = "min_wage_violations", value = 2 } };
        var before = await FactCountAsync();

        var retry = await PostWithKeyAsync(api, batch, "left-over");
        var again = await PostWithKeyAsync(api, batch, "left-over");

        var answer = await retry.Content.ReadAsStringAsync();
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        answer.ShouldContain("\"changed\":1");
        (await again.Content.ReadAsStringAsync()).ShouldBe(answer);
        (await FactCountAsync()).ShouldBe(before + 1, "applied exactly once");
    }

    [Fact]
    public async Task TwoConcurrentRetries_WithOneKey_BothGetTheAnswer_AndTheBatchIsAppliedOnce()
    {
        var api = await App.AsApi("hrss");
        var batch = new[] { new { creditCode = Scenario.CreditCodeB, inputId = "women_protection_violations", value = 3 } };
        var before = await FactCountAsync();

        var both = await Task.WhenAll(PostWithKeyAsync(api, batch, "concurrent-1"), PostWithKeyAsync(api, batch, "concurrent-1"));

        var bodies = await Task.WhenAll(both.Select(r => r.Content.ReadAsStringAsync()));
        both.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK, string.Join(" | ", bodies));
        bodies[1].ShouldBe(bodies[0]);
        (await FactCountAsync()).ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task TheBearerScheme_IsCaseInsensitive(string scheme)
    {
        var api = await App.AsApi("hrss");
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var client = App.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        var response = await client.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "authenticated (no rating yet), not 401");
    }

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

public sealed class ApiHardeningTestsOnSqlite(AppHolder holder) : ApiHardeningTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ApiHardeningTestsOnPostgres(PostgresServer server, AppHolder holder) : ApiHardeningTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}
