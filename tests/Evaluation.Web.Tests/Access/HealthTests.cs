namespace Evaluation.Web.Tests.Access;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_WithTheDatabaseDown_Is503()
    {
        await using var app = EvaluationApp.StartWithDatabaseDown();

        var response = await app.Anonymous().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
    }
}
