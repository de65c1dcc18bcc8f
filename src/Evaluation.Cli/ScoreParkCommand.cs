using System.CommandLine;
using System.Text.Json;
using Evaluation.Engine;
using Evaluation.Engine.Park;
using Evaluation.Rules.Loading;

namespace Evaluation.Cli;

/// <summary><c>score-park --rules … --park park.json --tenants facts.json</c>: scores an industrial park over its tenants.</summary>
internal static class ScoreParkCommand
{
    public static Command Create()
    {
        var rules = new Option<DirectoryInfo>("--rules") { Description = "catalogue version folder holding park.yaml", Required = true };
        var park = new Option<FileInfo>("--park") { Description = "the park: JSON { \"id\": …, \"facts\": { … } }", Required = true };
        var tenants = new Option<FileInfo>("--tenants") { Description = "the tenants' facts, as for score (JSON or CSV)", Required = true };
        var command = new Command("score-park", "score an industrial park; aggregates over its tenants are computed from their ScoreCards") { rules, park, tenants };
        command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(park)!, parse.GetValue(tenants)!, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(DirectoryInfo rules, FileInfo park, FileInfo tenants, TextWriter stdout, TextWriter stderr)
    {
        var bound = ScoreCommand.Prepare(rules, tenants, stderr);
        if (bound is null) return 1;
        var set = CatalogueLoader.LoadDirectory(rules.FullName);
        if (set.Park is null)
        {
            stderr.WriteLine($"error: {rules.FullName} has no park.yaml");
            return 1;
        }
        var errors = new List<string>();
        var parkCase = ReadPark(park, errors);
        var records = bound.Select(b => TenantRecord.FromScoreCard(b.Plan.Evaluate(b.Facts, b.Id))).ToList();
        var card = parkCase is null ? null : TenantAggregation.ScorePark(ScoringPlan.Compile(set.Park), parkCase.Value.Facts, records, parkCase.Value.Id, errors);
        if (card is null)
        {
            foreach (var e in errors) stderr.WriteLine($"{park.Name}: {e}");
            return 1;
        }
        stdout.WriteLine(ScoreCardJson.Serialize(card));
        return 0;
    }

    private static (string Id, Dictionary<string, object?> Facts)? ReadPark(FileInfo file, List<string> errors)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
            return FactsFile.ReadCase(doc.RootElement, 1, file.Name, errors) is { } c ? (c.Id, c.Facts) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            errors.Add(e.Message);
            return null;
        }
    }
}
