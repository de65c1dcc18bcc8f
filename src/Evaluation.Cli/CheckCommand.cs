using System.CommandLine;
using Evaluation.Rules.Loading;

namespace Evaluation.Cli;

/// <summary><c>check &lt;rules-dir&gt;</c>: validates every catalogue folder below a directory.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("rules-dir") { Description = "a rules folder; every folder below it holding catalogue.yaml is checked" };
        var command = new Command("check", "validate every catalogue and variant; exit 1 with all errors") { dir };
        command.SetAction(parse => Run(parse.GetValue(dir)!, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(DirectoryInfo dir, TextWriter output, TextWriter error)
    {
        if (!dir.Exists)
        {
            error.WriteLine($"error: no such folder: {dir.FullName}");
            return 1;
        }
        var folders = Directory.GetFiles(dir.FullName, "catalogue.yaml", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Order(StringComparer.Ordinal).ToList();
        if (folders.Count == 0)
        {
            error.WriteLine($"error: no catalogue.yaml below {dir.FullName}");
            return 1;
        }
        var failed = 0;
        foreach (var folder in folders)
        {
            var errors = new List<CatalogueError>();
            var set = CatalogueLoader.LoadDirectory(folder!, errors);
            if (set is null)
            {
                failed++;
                foreach (var e in errors) error.WriteLine(e);
                continue;
            }
            output.WriteLine($"ok  {set.Base.Key}: {set.Base.Indicators.Count()} indicators, {set.Base.Vetoes.Length} vetoes, " +
                             $"{set.Variants.Count} variants{(set.Park is null ? "" : ", park index")}");
            foreach (var v in set.Variants.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
                output.WriteLine($"ok  {v.Key}: {v.Indicators.Count()} indicators ({string.Join(", ", v.Variant!.Industries)})");
            if (set.Park is { } park) output.WriteLine($"ok  {park.Key}: {park.Indicators.Count()} indicators");
            if (set.Sme is { } sme) output.WriteLine($"ok  {sme.Id}: {sme.Modules.Length} modules, {sme.Levels.Length} levels");
        }
        return failed == 0 ? 0 : 1;
    }
}
