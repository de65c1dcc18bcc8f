using System.CommandLine;

namespace Evaluation.Cli;

/// <summary><c>explain --rules … --input … --id …</c>: the readable explanation of one enterprise.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var rules = new Option<DirectoryInfo>("--rules") { Description = "catalogue version folder", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "facts file (JSON or CSV)", Required = true };
        var id = new Option<string>("--id") { Description = "the case to explain", Required = true };
        var lang = new Option<string>("--lang") { Description = "zh | en", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        var command = new Command("explain", "explain every point of one enterprise's ScoreCard") { rules, input, id, lang };
        command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(input)!, parse.GetValue(id)!, parse.GetValue(lang)!, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(DirectoryInfo rules, FileInfo input, string id, string lang, TextWriter stdout, TextWriter stderr)
    {
        var bound = ScoreCommand.Prepare(rules, input, stderr);
        if (bound is null) return 1;
        var match = bound.FirstOrDefault(b => b.Id == id);
        if (match.Plan is null)
        {
            stderr.WriteLine($"error: no case with id '{id}' in {input.Name}");
            return 1;
        }
        stdout.Write(match.Plan.Evaluate(match.Facts, id).Explain().Render(lang));
        return 0;
    }
}
