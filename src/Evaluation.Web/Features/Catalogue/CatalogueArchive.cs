using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Evaluation.Rules.Loading;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>What checking an uploaded catalogue gave: the loaded set and its normalised archive, or every error.</summary>
internal sealed record CatalogueCheck(CatalogueSet? Set, IReadOnlyList<CatalogueError> Errors, byte[]? Archive, int Files)
{
    public bool IsValid => Set is not null && Errors.Count == 0;
}

/// <summary>
/// A catalogue version arrives as a .zip of its folder (catalogue.yaml at the root or inside one folder,
/// variants/*.yaml, park.yaml, sme.yaml; anything else is ignored). The files are unpacked into a temporary
/// folder and loaded by the one catalogue loader, so an upload is checked exactly like rules/ is by
/// `check`, with every positioned error; the error paths are made relative to the archive.
/// </summary>
internal static partial class CatalogueArchive
{
    public const long MaxArchiveBytes = 5 * 1024 * 1024;
    private const long MaxUnpackedBytes = 20 * 1024 * 1024;
    private const int MaxEntries = 500;
    private static readonly string[] TopLevel = ["catalogue.yaml", "park.yaml", "sme.yaml"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();

    public static bool IsSafeName(string text) => SafeName().IsMatch(text) && !text.Contains("..", StringComparison.Ordinal);

    public static CatalogueCheck Check(Stream upload, string fileName)
    {
        var errors = new List<CatalogueError>();
        var dir = Path.Combine(Path.GetTempPath(), "evaluation-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var files = Unpack(upload, fileName, dir, errors);
            if (errors.Count > 0) return new(null, errors, null, 0);
            var loaded = new List<CatalogueError>();
            var set = CatalogueLoader.LoadDirectory(dir, loaded);
            errors.AddRange(loaded.Select(e => e with { File = Relative(dir, e.File) }));
            if (set is not null && !(IsSafeName(set.Base.Id) && IsSafeName(set.Base.Version)))
                errors.Add(new CatalogueError("catalogue.yaml", 1, 1, null,
                    $"id '{set.Base.Id}' and version '{set.Base.Version}' may hold only letters, digits, '.', '-' and '_'"));
            return errors.Count > 0 || set is null ? new(null, errors, null, 0) : new(set, errors, Pack(dir, files), files.Count);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Writes a stored archive into <paramref name="directory"/> (created, must not exist).</summary>
    public static void Extract(byte[] archive, string directory)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        Directory.CreateDirectory(directory);
        foreach (var entry in zip.Entries)
        {
            if (!IsCatalogueFile(entry.FullName)) continue; // stored archives hold only these; never trust a path
            var target = Path.Combine(directory, entry.FullName.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool IsCatalogueFile(string relative) =>
        TopLevel.Contains(relative, StringComparer.Ordinal)
        || (relative.StartsWith("variants/", StringComparison.Ordinal) && relative.EndsWith(".yaml", StringComparison.Ordinal)
            && relative.IndexOf('/', "variants/".Length) < 0 && relative.Length > "variants/.yaml".Length
            && IsSafeName(Path.GetFileNameWithoutExtension(relative)));

    private static List<string> Unpack(Stream upload, string fileName, string dir, List<CatalogueError> errors)
    {
        var files = new List<string>();
        ZipArchive zip;
        try { zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException)
        {
            errors.Add(new CatalogueError(fileName, 0, 0, null, "不是 zip 压缩包 / not a .zip archive of the catalogue folder"));
            return files;
        }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                errors.Add(new CatalogueError(fileName, 0, 0, null, $"more than {MaxEntries} files in the archive"));
                return files;
            }
            var names = zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName.Replace('\\', '/')).ToList();
            // A zip may hold one name twice (the format allows it): which copy is "the" file would be a guess.
            if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                errors.Add(new CatalogueError(twice.Key, 0, 0, null, $"压缩包中 {twice.Key} 出现了 {twice.Count()} 次 / {twice.Key} is in the archive {twice.Count()} times"));
                return files;
            }
            var catalogues = names.Where(n => n == "catalogue.yaml" || n.EndsWith("/catalogue.yaml", StringComparison.Ordinal)).ToList();
            if (catalogues.Count > 0 && catalogues.Count(n => n.Count(c => c == '/') == catalogues.Min(m => m.Count(c => c == '/'))) > 1)
            {
                errors.Add(new CatalogueError(fileName, 0, 0, null,
                    $"压缩包中有多个同级的 catalogue.yaml（{string.Join("、", catalogues)}），每个压缩包只放一个目录版本 / several catalogue.yaml at one level ({string.Join(", ", catalogues)}): one catalogue version per archive"));
                return files;
            }
            // The folder holding catalogue.yaml is the root: the archive may be the folder's contents or the folder itself.
            var root = names.Where(n => n == "catalogue.yaml" || n.EndsWith("/catalogue.yaml", StringComparison.Ordinal))
                .OrderBy(n => n.Count(c => c == '/')).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault();
            if (root is null)
            {
                errors.Add(new CatalogueError(fileName, 0, 0, null, "压缩包中没有 catalogue.yaml / no catalogue.yaml in the archive"));
                return files;
            }
            var prefix = root[..^"catalogue.yaml".Length];
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var relative = name[prefix.Length..];
                if (!IsCatalogueFile(relative)) continue;
                unpacked += entry.Length;
                if (unpacked > MaxUnpackedBytes)
                {
                    errors.Add(new CatalogueError(fileName, 0, 0, null, $"the catalogue files exceed {MaxUnpackedBytes / 1024 / 1024} MB unpacked"));
                    return files;
                }
                var target = Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try { entry.ExtractToFile(target); }
                catch (InvalidDataException ex)
                {
                    errors.Add(new CatalogueError(relative, 0, 0, null, $"cannot be unpacked: {ex.Message}"));
                    continue;
                }
                files.Add(relative);
            }
        }
        return files;
    }

    // Same files, same bytes: fixed order and timestamps, so the stored archive's hash depends on content only.
    private static byte[] Pack(string dir, List<string> files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var relative in files.Order(StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(relative, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var target = entry.Open();
                using var source = File.OpenRead(Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar)));
                source.CopyTo(target);
            }
        }
        return output.ToArray();
    }

    private static string Relative(string dir, string file)
    {
        var full = Path.GetFullPath(file);
        var root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..].Replace(Path.DirectorySeparatorChar, '/') : file;
    }
}
