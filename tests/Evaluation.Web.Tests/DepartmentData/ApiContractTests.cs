using System.Diagnostics;
using System.Text.Json;

namespace Evaluation.Web.Tests.DepartmentData;

/// <summary>
/// The served OpenAPI document passes Spectral (the built-in OpenAPI rules and the project's, .spectral.yaml):
/// no error and no warning. Spectral is installed from package.json by scripts/prereqs.sh.
/// </summary>
public sealed class ApiContractTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync(withScenario: false);

    [Fact]
    public async Task ServedDocument_PassesSpectralWithoutAnyFinding()
    {
        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await App.Anonymous().GetStringAsync("/openapi/v1.json"));
        try
        {
            var (exit, output) = await Tools.RunAsync(Tools.Spectral, $"lint \"{document}\" --ruleset .spectral.yaml --format json --fail-severity hint --quiet");

            var findings = JsonDocument.Parse(output).RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("code").GetString()} at {string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: " +
                    f.GetProperty("message").GetString()).ToList();
            findings.ShouldBeEmpty();
            exit.ShouldBe(0);
        }
        finally { File.Delete(document); }
    }

    [Fact]
    public async Task SpectralRuleset_FindsWhatTheOldContractGotWrong()
    {
        // The ruleset itself is tested: the contract as it was before issue 21 (no security, numbers as strings, English only) fails it.
        var old = Path.Combine(Path.GetTempPath(), $"openapi-old-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(old, """
            {"openapi":"3.1.1","info":{"title":"t","version":"1"},"paths":{"/api/v1/ratings/{creditCode}":{"get":{"operationId":"GetRating",
             "parameters":[{"name":"creditCode","in":"path","required":true,"schema":{"type":"string"}}],
             "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/R"}}}},"404":{"description":"Not Found"}}}}},
             "components":{"schemas":{"R":{"type":"object","properties":{"year":{"type":["integer","string"],"format":"int32"}}}}}}
            """);
        try
        {
            var (exit, output) = await Tools.RunAsync(Tools.Spectral, $"lint \"{old}\" --ruleset .spectral.yaml --format json --fail-severity hint --quiet");

            var codes = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToHashSet();
            new[] { "operation-security", "numbers-are-numbers", "error-responses-documented", "property-description", "schema-example" }.ShouldBeSubsetOf(codes!);
            exit.ShouldNotBe(0);
        }
        finally { File.Delete(old); }
    }
}

/// <summary>The command-line tools the contract tests run, installed by scripts/prereqs.sh (npm ci, dotnet tool restore).</summary>
internal static class Tools
{
    public static string Spectral => File.Exists(Repository.PathOf("node_modules", ".bin", "spectral"))
        ? Repository.PathOf("node_modules", ".bin", "spectral")
        : throw new FileNotFoundException("Spectral is not installed: run scripts/prereqs.sh (npm ci)");

    /// <summary>Kiota's arguments, one definition for the test and scripts/generate-api-client.sh (which prints them with --print-kiota-arguments).</summary>
    public static string KiotaArguments(string document, string output) =>
        $"kiota generate --language CSharp --openapi \"{document}\" --output \"{output}\" --class-name DepartmentApiClient " +
        "--namespace-name Evaluation.Web.Tests.DepartmentData.Client --exclude-backward-compatible --clean-output --log-level Error";

    public static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, TimeSpan? timeout = null)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // No update check (no network); one thread, so that the output cannot depend on the order of parallel work.
            Environment = { ["KIOTA_UPDATE__DISABLED"] = "true", ["KIOTA_GENERATION__MAXDEGREEOFPARALLELISM"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        var (text, errors) = (await output, await error);
        if (process.ExitCode != 0 && text.Trim().Length == 0) throw new InvalidOperationException($"{file} {arguments} failed: {errors}");
        return (process.ExitCode, text);
    }
}
