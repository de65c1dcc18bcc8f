using System.CommandLine;
using Evaluation.Rules.Documentation;
using Evaluation.Rules.Loading;

namespace Evaluation.Cli;

/// <summary><c>doc &lt;catalogue-dir&gt;</c>: a Markdown reference of a catalogue version.</summary>
internal static class DocCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("catalogue-dir") { Description = "catalogue version folder (holding catalogue.yaml)" };
        var lang = new Option<string>("--lang") { Description = "zh | en", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        var output = new Option<DirectoryInfo?>("--output") { Description = "write reference.zh.md and reference.en.md into this folder" };
        var command = new Command("doc", "Markdown reference of a catalogue: every indicator, rule, source and target basis") { dir, lang, output };
        command.SetAction(parse =>
        {
            CatalogueSet set;
            try
            {
                set = CatalogueLoader.LoadDirectory(parse.GetValue(dir)!.FullName);
            }
            catch (CatalogueException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine(error);
                return 1;
            }
            if (parse.GetValue(output) is { } folder)
            {
                folder.Create();
                foreach (var l in new[] { "zh", "en" })
                    File.WriteAllText(Path.Combine(folder.FullName, $"reference.{l}.md"), CatalogueDoc.Render(set, l));
                Console.Error.WriteLine($"written {folder.FullName}/reference.zh.md and reference.en.md");
                return 0;
            }
            Console.Out.Write(CatalogueDoc.Render(set, parse.GetValue(lang)!));
            return 0;
        });
        return command;
    }
}
