using System.IO.Compression;
using System.Text;
using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Tests.Centre;

/// <summary>The archive check on its own: layout, hostile names, error paths relative to the archive.</summary>
public sealed class CatalogueArchiveTests
{
    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        return output.ToArray();
    }

    private static (string Name, string Text)[] Ningbo(string prefix = "") =>
        [.. Directory.GetFiles(CatalogueZip.NingboFolder, "*.yaml", SearchOption.AllDirectories)
            .Select(f => (prefix + Path.GetRelativePath(CatalogueZip.NingboFolder, f).Replace(Path.DirectorySeparatorChar, '/'),
                File.ReadAllText(f).Replace("2018.1", "2018.41", StringComparison.Ordinal)))];

    [Fact]
    public void Check_IgnoresNamesOutsideTheLayout_AndNeverWritesThem()
    {
        var marker = "evaluation-escape-" + Guid.NewGuid().ToString("N");
        var check = CatalogueArchive.Check(new MemoryStream(Zip([.. Ningbo(),
            ($"../{marker}.yaml", "x: 1"), ($"variants/../../{marker}.yaml", "x: 1"), ("variants/sub/extra.yaml", "x: 1"), ("README.md", "hi")])), "up.zip");

        check.Errors.ShouldBeEmpty();
        check.IsValid.ShouldBeTrue();
        check.Files.ShouldBe(Ningbo().Length);
        Directory.GetFiles(Path.GetTempPath(), marker + "*", SearchOption.TopDirectoryOnly).ShouldBeEmpty();
        using var stored = new ZipArchive(new MemoryStream(check.Archive!));
        stored.Entries.Select(e => e.FullName).ShouldAllBe(n => n == "catalogue.yaml" || n == "park.yaml" || n == "sme.yaml" || n.StartsWith("variants/"));
    }

    [Fact]
    public void Check_SameFiles_GiveTheSameStoredBytes() =>
        CatalogueArchive.Sha256(CatalogueArchive.Check(new MemoryStream(Zip(Ningbo())), "a.zip").Archive!)
            .ShouldBe(CatalogueArchive.Sha256(CatalogueArchive.Check(new MemoryStream(Zip([.. Ningbo("folder/").Reverse()])), "b.zip").Archive!));

    [Fact]
    public void Check_ErrorsInAVariant_PointIntoTheVariantFileRelativeToTheArchive()
    {
        var files = Ningbo().Select(f => f.Name == "variants/gas.yaml" ? (f.Name, Text: f.Text + "\nsurprise: true\n") : f).ToArray();

        var check = CatalogueArchive.Check(new MemoryStream(Zip(files)), "up.zip");

        check.IsValid.ShouldBeFalse();
        check.Archive.ShouldBeNull();
        var error = check.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("variants/gas.yaml");
        error.Line.ShouldBe(files.Single(f => f.Name == "variants/gas.yaml").Text.Split('\n').Length - 1);
        error.Message.ShouldContain("surprise");
    }

    [Fact]
    public void Check_WithoutCatalogueYaml_SaysSo() =>
        CatalogueArchive.Check(new MemoryStream(Zip(("variants/gas.yaml", "id: gas"))), "up.zip").Errors
            .ShouldHaveSingleItem().Message.ShouldContain("no catalogue.yaml");
}
