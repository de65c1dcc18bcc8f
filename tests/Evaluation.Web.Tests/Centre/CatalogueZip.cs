using System.IO.Compression;

namespace Evaluation.Web.Tests.Centre;

/// <summary>Catalogue folders for upload tests: the shipped Ningbo catalogue copied, edited and zipped.</summary>
internal static class CatalogueZip
{
    public static string RepoRoot() => Infrastructure.Repository.Root;

    public static string NingboFolder => Path.Combine(RepoRoot(), "rules", "ningbo-harmonious-enterprise", "2018.1");

    /// <summary>A copy of the Ningbo 2018.1 folder as version <paramref name="version"/>, with <paramref name="edit"/> applied to catalogue.yaml.</summary>
    public static string EditedCopy(string version, Func<string, string> edit)
    {
        var dir = Path.Combine(Path.GetTempPath(), "evaluation-test-catalogue-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        foreach (var file in Directory.GetFiles(NingboFolder, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(NingboFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = File.ReadAllText(file).Replace("2018.1", version, StringComparison.Ordinal);
            File.WriteAllText(target, Path.GetFileName(file) == "catalogue.yaml" ? edit(text) : text);
        }
        return dir;
    }

    /// <summary>The folder zipped; with <paramref name="inFolder"/> the files sit inside one top folder, as "compress folder" makes them.</summary>
    public static byte[] Zip(string dir, bool inFolder = false)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(dir, file).Replace(Path.DirectorySeparatorChar, '/');
                zip.CreateEntryFromFile(file, inFolder ? "catalogue-folder/" + name : name);
            }
        return output.ToArray();
    }

    /// <summary>Replaces exactly one occurrence, so an edit that no longer applies fails the test instead of passing vacuously.</summary>
    public static string ReplaceOnce(this string text, string old, string @new)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"'{old}' must occur exactly once in catalogue.yaml");
        return text[..at] + @new + text[(at + old.Length)..];
    }
}
