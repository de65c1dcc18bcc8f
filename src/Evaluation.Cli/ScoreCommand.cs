using System.CommandLine;
using System.Runtime.ExceptionServices;
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
        Func<Stream> open = output is null ? Console.OpenStandardOutput : () => File.Create(output.FullName);
        if (format == "csv")
        {
            var cards = Score(bound, stderr);
            using var stream = open();
            WriteCsv(stream, cards);
        }
        else
        {
            // Scored and written together, in parallel chunks: the bytes are those of ScoreCardJson.Write over all cards.
            WithProgress(bound.Count, stderr, progress => ScoreCardJson.WriteParallel(open, bound.Count,
                i => bound[i].Plan.Evaluate(bound[i].Facts, bound[i].Id, explain: false), progress));
        }
        Timings.Mark("written");
        if (output is not null) stderr.WriteLine($"{bound.Count} ScoreCards written to {output.FullName}");
        return 0;
    }

    /// <summary>
    /// Loads the catalogue and binds every case; prints every error and returns null when anything is wrong.
    /// The catalogue folder is loaded (and the first case's plan compiled) on another thread while this one reads
    /// the facts file; the cases are then bound in parallel. The errors are the same, in the same order, as loading,
    /// reading and binding one after the other: catalogue errors alone if there are any, else the file's, then each
    /// case's in file order.
    /// </summary>
    internal static List<(ScoringPlan Plan, string Id, FactSet Facts)>? Prepare(DirectoryInfo rules, FileInfo input, TextWriter stderr)
    {
        var firstVariant = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plans = new ScoringPlans(); // this run's plans: one per variant the file names, stages shared between them
        var loading = Task.Run(() => Load(rules, plans, firstVariant.Task));
        var errors = new List<string>();
        List<FactCase>? cases = null;
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            cases = FactsFile.Read(input.FullName, errors, c => firstVariant.TrySetResult(c.Variant));
        }
        catch (Exception e)
        {
            // Reported only if the catalogue loads: before, a broken catalogue stopped everything before the file was read.
            readFailure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            firstVariant.TrySetResult(null);
        }
        Timings.Mark("read");
        var (set, catalogueErrors) = loading.GetAwaiter().GetResult();
        Timings.Mark("catalogue");
        if (set is null)
        {
            foreach (var error in catalogueErrors!) stderr.WriteLine(error);
            return null;
        }
        readFailure?.Throw();
        cases ??= [];
        var bound = new (ScoringPlan, string, FactSet)?[cases.Count];
        var caseErrors = new List<string>?[cases.Count];
        Parallel.For(0, cases.Count, () => new List<string>(), (i, _, scratch) =>
        {
            var c = cases[i];
            if (c.Variant is not null && !set.Variants.ContainsKey(c.Variant))
            {
                caseErrors[i] = [$"{input.Name}: {Where(c)}: variant: unknown variant '{c.Variant}'"];
                return scratch;
            }
            var plan = plans.For(set.Resolve(c.Variant));
            var facts = plan.Bind(c.Facts, scratch);
            if (scratch.Count > 0)
            {
                caseErrors[i] = [.. scratch.Select(e => $"{input.Name}: {Where(c)}: {e}")];
                scratch.Clear();
            }
            if (facts is not null) bound[i] = (plan, c.Id, facts);
            return scratch;
        }, _ => { });
        foreach (var e in caseErrors)
            if (e is not null) errors.AddRange(e);
        if (errors.Count == 0) return [.. bound.Select(b => b!.Value)];
        foreach (var e in errors) stderr.WriteLine(e);
        stderr.WriteLine($"{errors.Count} error(s); nothing scored");
        return null;
    }

    // The catalogue folder, or its errors; then, while the facts are still being read, the plan of the first case's
    // variant (the run's plans keep it), so compiling overlaps reading too. Any failure there is left to binding.
    private static (CatalogueSet? Set, IReadOnlyList<CatalogueError>? Errors) Load(DirectoryInfo rules, ScoringPlans plans, Task<string?> firstVariant)
    {
        CatalogueSet set;
        try
        {
            set = CatalogueLoader.LoadDirectory(rules.FullName);
        }
        catch (CatalogueException e)
        {
            return (null, e.Errors);
        }
        var variant = firstVariant.GetAwaiter().GetResult();
        if (variant is null || set.Variants.ContainsKey(variant)) plans.For(set.Resolve(variant));
        return (set, null);
    }

    private static string Where(FactCase c) => $"{(c.Line > 0 ? $"row {c.Line}" : "")} id={c.Id}";

    private static ScoreCard[] Score(List<(ScoringPlan Plan, string Id, FactSet Facts)> bound, TextWriter stderr)
    {
        var cards = new ScoreCard[bound.Count];
        WithProgress(bound.Count, stderr, progress =>
        {
            var done = 0;
            Parallel.For(0, bound.Count, i =>
            {
                cards[i] = bound[i].Plan.Evaluate(bound[i].Facts, bound[i].Id, explain: false);
                if (Interlocked.Increment(ref done) % 1000 == 0) progress?.Invoke(done);
            });
        });
        return cards;
    }

    // A progress bar on standard error for a large population (told how many are done), none for a small one.
    private static void WithProgress(int count, TextWriter stderr, Action<Action<int>?> work)
    {
        if (count < ProgressThreshold)
        {
            work(null);
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"scoring {count:N0}", maxValue: count);
            work(done => task.Value = done);
            task.Value = count;
        });
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
