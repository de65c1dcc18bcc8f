using System.CommandLine;
using CsvHelper;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Spectre.Console;

namespace Evaluation.Cli;

/// <summary><c>score --rules … --input …</c>: scores every case of a facts file.</summary>
internal static class ScoreCommand
{
    private const int ProgressThreshold = 1000;

    public static Command Create()
    {
        var rules = new Option<DirectoryInfo>("--rules") { Description = "catalogue version folder (holding catalogue.yaml)", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "facts: JSON array of { id, variant, facts } or CSV id,variant,<inputs>", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "write here instead of standard output" };
        var format = new Option<string>("--format") { Description = "json | csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var command = new Command("score", "score enterprises; ScoreCards as JSON (points as strings, two decimals) or CSV") { rules, input, output, format };
        command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(format)!, Console.Error));
        return command;
    }

    internal static int Run(DirectoryInfo rules, FileInfo input, FileInfo? output, string format, TextWriter stderr)
    {
        var bound = Prepare(rules, input, stderr);
        if (bound is null) return 1;
        Timings.Mark("prepared");
        var cards = Score(bound, stderr);
        Timings.Mark("scored");
        using (var stream = output is null ? Console.OpenStandardOutput() : File.Create(output.FullName))
        {
            if (format == "csv") WriteCsv(stream, cards);
            else ScoreCardJson.Write(stream, cards);
        }
        Timings.Mark("written");
        if (output is not null) stderr.WriteLine($"{cards.Length} ScoreCards written to {output.FullName}");
        return 0;
    }

    /// <summary>Loads the catalogue and binds every case; prints every error and returns null when anything is wrong.</summary>
    internal static List<(ScoringPlan Plan, string Id, FactSet Facts)>? Prepare(DirectoryInfo rules, FileInfo input, TextWriter stderr)
    {
        CatalogueSet set;
        try
        {
            set = CatalogueLoader.LoadDirectory(rules.FullName);
        }
        catch (CatalogueException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine(error);
            return null;
        }
        Timings.Mark("catalogue");
        var errors = new List<string>();
        var cases = FactsFile.Read(input.FullName, errors);
        Timings.Mark("read");
        var bound = new List<(ScoringPlan, string, FactSet)>(cases.Count);
        foreach (var c in cases)
        {
            if (c.Variant is not null && !set.Variants.ContainsKey(c.Variant))
            {
                errors.Add($"{input.Name}: {Where(c)}: variant: unknown variant '{c.Variant}'");
                continue;
            }
            var plan = ScoringPlan.For(set.Resolve(c.Variant));
            var caseErrors = new List<string>();
            var facts = plan.Bind(c.Facts, caseErrors);
            errors.AddRange(caseErrors.Select(e => $"{input.Name}: {Where(c)}: {e}"));
            if (facts is not null) bound.Add((plan, c.Id, facts));
        }
        if (errors.Count == 0) return bound;
        foreach (var e in errors) stderr.WriteLine(e);
        stderr.WriteLine($"{errors.Count} error(s); nothing scored");
        return null;
    }

    private static string Where(FactCase c) => $"{(c.Line > 0 ? $"row {c.Line}" : "")} id={c.Id}";

    private static ScoreCard[] Score(List<(ScoringPlan Plan, string Id, FactSet Facts)> bound, TextWriter stderr)
    {
        var cards = new ScoreCard[bound.Count];
        if (bound.Count < ProgressThreshold)
        {
            Parallel.For(0, bound.Count, i => cards[i] = bound[i].Plan.Evaluate(bound[i].Facts, bound[i].Id, explain: false));
            return cards;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"scoring {bound.Count:N0}", maxValue: bound.Count);
            var done = 0;
            Parallel.For(0, bound.Count, i =>
            {
                cards[i] = bound[i].Plan.Evaluate(bound[i].Facts, bound[i].Id, explain: false);
                if (Interlocked.Increment(ref done) % 1000 == 0) task.Value = done;
            });
            task.Value = bound.Count;
        });
        return cards;
    }

    private static void WriteCsv(Stream stream, ScoreCard[] cards)
    {
        // Cases may use different variants: the columns are the union, in order of first appearance.
        var categories = cards.SelectMany(c => c.Categories.Select(x => x.Id)).Distinct().ToList();
        var indicators = cards.SelectMany(c => c.Indicators.Select(x => x.Id)).Distinct().ToList();
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
        csv.WriteRecord(["id", "variant", "total", "grade", "vetoes", .. categories, .. indicators]);
        foreach (var card in cards)
        {
            var cats = card.Categories.ToDictionary(c => c.Id, c => ScoreCardJson.FormatPoints(c.Points));
            var points = card.Indicators.ToDictionary(i => i.Id, i => ScoreCardJson.FormatPoints(i.Points));
            csv.WriteRecord([card.Id ?? "", card.Plan.Catalogue.Variant?.Id ?? "", ScoreCardJson.FormatPoints(card.Total), card.Grade,
                string.Join(" ", card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id)),
                .. categories.Select(c => cats.GetValueOrDefault(c, "")),
                .. indicators.Select(i => points.GetValueOrDefault(i, ""))]);
        }
    }
}
