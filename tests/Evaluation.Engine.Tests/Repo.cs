namespace Evaluation.Engine.Tests;

/// <summary>Finds the repository root (the folder holding Evaluation.sln) from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Evaluation.sln"))) return dir.FullName;
        throw new InvalidOperationException("Evaluation.sln not found above " + AppContext.BaseDirectory);
    }
}
