using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// The OpenAPI document is a contract with thirty departments' systems: it is checked in beside this test
/// (openapi-v1.approved.json) and any change shows as a diff. A mismatch writes openapi-v1.received.json.
/// </summary>
public sealed class OpenApiApprovalTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync(withScenario: false);

    [Fact]
    public async Task OpenApiDocument_MatchesTheApprovedContract()
    {
        var json = await App.Anonymous().GetStringAsync("/openapi/v1.json");
        var actual = JsonSerializer.Serialize(JsonDocument.Parse(json), new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            })
            .ReplaceLineEndings("\n") + "\n";

        var approved = Beside("openapi-v1.approved.json");
        var received = Beside("openapi-v1.received.json");
        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected == actual) { File.Delete(received); return; }
        await File.WriteAllTextAsync(received, actual);
        expected.ShouldBe(actual, $"the API contract changed; if that is intended: mv {received} {approved}");
    }

    private static string Beside(string name, [CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, name);
}
