using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Evaluation.Web.Features.DepartmentData.Api;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// Every error of /api/v1 is RFC 9457 problem details (application/problem+json) with a stable type, the same in
/// Development and Production: 400, 401 (with WWW-Authenticate: Bearer), 403, 404, 409, 413, 415, 422, 429, 500, 503.
/// 409, 500 and 503 come from a fault injected into saving (the Idempotency-Key "fault-409"/"fault-500"/"fault-503"):
/// 409 is a second request with an Idempotency-Key while the first one with it is still in progress.
/// </summary>
public abstract class ApiProblemTests(AppHolder holder) : AppTests(holder)
{
    protected static Task<EvaluationApp> StartIn(string environment) => EvaluationApp.StartSqliteAsync(
        settings: new Dictionary<string, string> { ["Api:MaxRequestBytes"] = "20000", ["Api:RequestsPerMinute"] = "30" },
        environment: environment, services: FaultySaves.Install);

    [Fact]
    public async Task InvalidBatch_Is400ValidationWithEveryFieldError()
    {
        var api = await App.AsApi("hrss");
        var response = await api.PostAsJsonAsync("/api/v1/facts", new object[]
            { Item(Scenario.CreditCodeA, "working_hours_violations", 1), Item(Scenario.CreditCodeB, "working_hours_violations", "many") });

        var problem = await ProblemAsync(response, 400, "validation");
        problem.GetProperty("errors").EnumerateArray().Single().GetProperty("index").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task NumberSentAsAString_Is400MalformedNamingTheField()
    {
        var api = await App.AsApi("safety");
        var response = await api.PostAsync("/api/v1/events", Json("""[{"creditCode":"91330203MA28XY0A2P","type":"x","occurredOn":20180502}]"""));

        var problem = await ProblemAsync(response, 400, "malformed-request");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()).ShouldBe((0, "occurredOn"));
    }

    [Theory]
    [InlineData("hrss", "/api/v1/facts")]
    [InlineData("safety", "/api/v1/events")]
    public async Task NullItemInABatch_Is400NamingTheItem_NotAFault(string department, string path)
    {
        var api = await App.AsApi(department);
        var response = await api.PostAsync(path, Json("[null]"));

        var problem = await ProblemAsync(response, 400, "validation");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()).ShouldBe((0, "item"));
    }

    [Fact]
    public async Task SameKeyWhileTheFirstRequestIsInProgress_Is409()
    {
        var api = await App.AsApi("hrss");
        var response = await SendWithKeyAsync(api, new[] { Item(Scenario.CreditCodeA, "working_hours_violations", 2) }, "fault-409");

        var problem = await ProblemAsync(response, 409, "idempotency-in-progress");
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ndt_not-a-real-token")]
    public async Task NoOrUnknownToken_Is401WithABearerChallenge(string? token)
    {
        var client = App.Anonymous();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}");

        await ProblemAsync(response, 401, "unauthenticated");
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
    }

    [Fact]
    public async Task AnotherDepartmentsInput_Is403ListingTheItem()
    {
        var api = await App.AsApi("hrss");
        var response = await api.PostAsJsonAsync("/api/v1/facts", new[] { Item(Scenario.CreditCodeA, "injury_accidents", 0) });

        var problem = await ProblemAsync(response, 403, "foreign-input");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("inputId");
    }

    [Theory]
    [InlineData("/api/v1/ratings/" + Scenario.CreditCodeB)] // an enterprise without a rating
    [InlineData("/api/v1/no-such-operation")]
    public async Task UnknownRatingOrPath_Is404(string path)
    {
        var api = await App.AsApi("credit");
        await ProblemAsync(await api.GetAsync(path), 404, "not-found");
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var api = await App.AsApi("hrss");
        var big = Enumerable.Range(0, 400).Select(_ => Item(Scenario.CreditCodeA, "working_hours_violations", 1, new string('注', 20))).ToArray();

        await ProblemAsync(await api.PostAsJsonAsync("/api/v1/facts", big), 413, "payload-too-large");
    }

    [Fact]
    public async Task NotJson_Is415()
    {
        var api = await App.AsApi("hrss");
        await ProblemAsync(await api.PostAsync("/api/v1/facts", new StringContent("a,b", Encoding.UTF8, "text/csv")), 415, "unsupported-media-type");
    }

    [Fact]
    public async Task KeyReusedForAnotherBatch_Is422()
    {
        var api = await App.AsApi("hrss");
        (await SendWithKeyAsync(api, new[] { Item(Scenario.CreditCodeB, "min_wage_violations", 1) }, "reused-1")).EnsureSuccessStatusCode();

        var response = await SendWithKeyAsync(api, new[] { Item(Scenario.CreditCodeB, "min_wage_violations", 2) }, "reused-1");

        await ProblemAsync(response, 422, "idempotency-key-reused");
    }

    [Fact]
    public async Task TooManyRequests_Is429WithRetryAfter()
    {
        var api = await App.AsApi("tax"); // its own partition: the other tests' requests do not count
        HttpResponseMessage response;
        var sent = 0;
        do response = await api.GetAsync($"/api/v1/ratings/{Scenario.CreditCodeA}");
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++sent < 40);

        sent.ShouldBe(30);
        await ProblemAsync(response, 429, "rate-limited");
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(500, "internal-error")]
    [InlineData(503, "unavailable")]
    public async Task UnhandledFault_IsAProblemWithoutInternals(int status, string type)
    {
        var api = await App.AsApi("hrss");
        var response = await SendWithKeyAsync(api, new[] { Item(Scenario.CreditCodeA, "working_hours_violations", 1) }, $"fault-{status}");

        var problem = await ProblemAsync(response, status, type);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        problem.ToString().ShouldNotContain("FaultySaves"); // no stack trace, no exception text, in Development either
        if (status == 503) response.Headers.RetryAfter.ShouldNotBeNull();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("type").GetString().ShouldBe(ApiProblems.TypePrefix + type);
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync<T>(HttpClient api, T batch, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facts") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static object Item(string creditCode, string inputId, object value, string? note = null) => new { creditCode, inputId, value, note };
}

public sealed class ApiProblemDevelopmentTests(AppHolder holder) : ApiProblemTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => StartIn("Development");
}

public sealed class ApiProblemProductionTests(AppHolder holder) : ApiProblemTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => StartIn("Production");
}

/// <summary>
/// A save that claims the Idempotency-Key "fault-500" or "fault-503" throws (a bug; the database gone); under the key
/// "fault-409" the claim collides with a concurrent request's claim of the same key (the unique index), one that has not answered.
/// </summary>
internal sealed class FaultySaves : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public static void Install(IServiceCollection services) =>
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, FaultySaves>();

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        foreach (var claim in eventData.Context!.ChangeTracker.Entries<IdempotentRequest>())
        {
            if (claim.Entity.Key == "fault-500") throw new InvalidOperationException("FaultySaves: injected bug");
            if (claim.Entity.Key == "fault-503") throw new Npgsql.NpgsqlException("FaultySaves: injected broken connection");
            if (claim.Entity.Key == "fault-409") throw new DbUpdateException("FaultySaves: injected unique-key collision of the claim");
        }
        return ValueTask.FromResult(result);
    }
}
