using System.Diagnostics;
using System.Reflection;
using System.Text;
using Evaluation.Rules.Loading;

namespace Evaluation.Web.Tests.Hostile;

/// <summary>
/// The catalogue lines of the corpus: broken and hostile catalogue.yaml files (cycles, unknown names, deep
/// nesting, alias bombs, tabs, duplicate keys, huge files) must each be refused with a positioned error,
/// never a crash or a hang. Most are loaded in this process; the deeply nested ones run through the CLI's
/// <c>check</c> in a child process, where a stack overflow would show as a crash instead of killing the test run.
/// </summary>
public sealed class CatalogueCorpusTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("evaluation-hostile-catalogue-");

    public void Dispose() => _temp.Delete(recursive: true);

    public static TheoryData<HostileCase> Catalogues => Corpus.Of("catalogue");

    [Theory, MemberData(nameof(Catalogues))]
    public async Task BrokenCatalogue_IsRefusedWithAnError(HostileCase c)
    {
        // The folder is not named after the case: its path is in every error, and must not satisfy the fragments.
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "case", "1.0"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "catalogue.yaml"), Text(c));

        var (exit, errors) = c.Process ? await CheckInChildProcessAsync(folder.Parent!) : LoadHere(folder);

        exit.ShouldBe(c.Status, $"{c.Id}: {Cut(errors)}");
        c.Contains.ShouldNotBeEmpty($"{c.Id}: says which error it expects");
        foreach (var fragment in c.Contains) errors.ShouldContain(fragment, Case.Sensitive, $"{c.Id}: {Cut(errors)}");
        errors.ShouldContain("catalogue.yaml", customMessage: $"{c.Id}: the error names the file");
    }

    [Fact]
    public void TheBaseOfTheMutations_Loads()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "base", "1.0"));
        File.Copy(Path.Combine(Corpus.Folder, "catalogue", "base.yaml"), Path.Combine(folder.FullName, "catalogue.yaml"));

        var (exit, errors) = LoadHere(folder);

        exit.ShouldBe(0, errors);
    }

    private static (int Exit, string Errors) LoadHere(DirectoryInfo folder)
    {
        var errors = new List<CatalogueError>();
        var watch = Stopwatch.StartNew();
        var set = CatalogueLoader.LoadDirectory(folder.FullName, errors);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a hostile catalogue must not make the loader spin");
        return (set is null ? 1 : 0, string.Join('\n', errors));
    }

    /// <summary>The CLI's <c>check</c>, built beside the tests (same configuration), on the folder.</summary>
    private static async Task<(int Exit, string Errors)> CheckInChildProcessAsync(DirectoryInfo folder)
    {
        var configuration = typeof(CatalogueCorpusTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var cli = Repository.PathOf("src", "Evaluation.Cli", "bin", configuration, "net10.0", "evaluation.dll");
        File.Exists(cli).ShouldBeTrue($"the CLI is built: {cli}");
        var start = new ProcessStartInfo("dotnet", [cli, "check", folder.FullName])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, StandardErrorEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error + await output);
    }

    private static string Text(HostileCase c)
    {
        if (c.Generate is { } name) return Generate(name);
        var text = File.ReadAllText(Path.Combine(Corpus.Folder, c.File!));
        if (c.Payload is { ValueKind: System.Text.Json.JsonValueKind.Array } pairs)
            foreach (var pair in pairs.EnumerateArray())
            {
                var (from, to) = (pair[0].GetString()!, pair[1].GetString()!);
                text.ShouldContain(from, customMessage: $"{c.Id}: the mutation's anchor is in base.yaml");
                text = text.Replace(from, to.Replace("{PARENS10000}", new string('(', 10_000), StringComparison.Ordinal)
                    .Replace("{CLOSE10000}", new string(')', 10_000), StringComparison.Ordinal), StringComparison.Ordinal);
            }
        return text;
    }

    private static string Generate(string name) => name switch
    {
        "deep.yaml" => "id: demo\nversion: \"1.0\"\ntitle: " + new string('[', 10_000) + new string(']', 10_000) + "\n",
        // 20 MB of well-formed YAML: a list of 400,000 inputs (the real catalogue is about 100 KB).
        "huge.yaml" => "id: demo\nversion: \"1.0\"\ninputs:\n" + string.Concat(Enumerable.Range(0, 400_000)
            .Select(i => $"  - {{ id: input_{i:D7}, type: integer, source: enterprise }}\n")),
        _ => throw new ArgumentException($"no generator for {name}"),
    };

    private static string Cut(string text) => text.Length > 1500 ? text[..1500] : text;
}
