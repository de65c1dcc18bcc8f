namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>The checkout the tests run from, found by walking up from the test binaries to Evaluation.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Evaluation.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Evaluation.sln not found above the test binaries.");
    }
}
