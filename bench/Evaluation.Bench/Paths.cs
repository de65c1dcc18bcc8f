namespace Evaluation.Bench;

/// <summary>Finds the repository root (the folder holding Evaluation.sln) from wherever the benchmark runs.</summary>
public static class Paths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The demo catalogue folder (rules/demo/1.0).</summary>
    public static string DemoRules => Path.Combine(Root, "rules", "demo", "1.0");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Evaluation.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Evaluation.sln not found above " + AppContext.BaseDirectory);
    }
}
