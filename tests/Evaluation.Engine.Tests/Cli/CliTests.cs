using System.Text.Json;
using Evaluation.Bench;
using Evaluation.Cli;
using Evaluation.Rules.Loading;

namespace Evaluation.Engine.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("evaluation-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Check_RulesFolder_PassesAndListsEveryCatalogue()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = CheckCommand.Run(new DirectoryInfo(Repo.Path("rules")), output, error);

        exit.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("ok  demo@1.0+mining");
    }

    [Fact]
    public void Check_MalformedCatalogue_PrintsPositionedErrorsAndExitsOne()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "bad", "1"));
        File.WriteAllText(Path.Combine(folder.FullName, "catalogue.yaml"),
            File.ReadAllText(Repo.Path("rules", "demo", "1.0", "catalogue.yaml"))
                .Replace("contracts_signed / employees", "contracts_signed / employes", StringComparison.Ordinal)
                .Replace("then: 15 }", "then: 25 }", StringComparison.Ordinal));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = CheckCommand.Run(_temp, output, error);

        exit.ShouldBe(1);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.Contains("catalogue.yaml:27:51:") && l.Contains("[contract_rate] unknown name 'employes'"));
        lines.ShouldContain(l => l.Contains("[L2] table output 25 is outside the indicator's points [0, 20]"));
    }

    [Fact]
    public void Check_NotYaml_DoesNotCrash()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "junk", "1"));
        File.WriteAllText(Path.Combine(folder.FullName, "catalogue.yaml"), "{{{ this is : not [ yaml");
        var (output, error) = (new StringWriter(), new StringWriter());

        CheckCommand.Run(_temp, output, error).ShouldBe(1);
        error.ToString().ShouldContain("YAML syntax");
    }

    [Fact]
    public void Score_BadFacts_ReportsEveryErrorAndWritesNothing()
    {
        var input = Path.Combine(_temp.FullName, "facts.csv");
        File.WriteAllText(input, "id,variant,employees,culture_level\nE1,,12x,good\nE2,quarry,10,good\nE3,,10,superb\n");
        var output = new FileInfo(Path.Combine(_temp.FullName, "out.json"));
        var error = new StringWriter();

        var exit = ScoreCommand.Run(new DirectoryInfo(Repo.Path("rules", "demo", "1.0")), new FileInfo(input), output, "json", error);

        exit.ShouldBe(1);
        output.Exists.ShouldBeFalse();
        var text = error.ToString();
        text.ShouldContain("row 2 id=E1: employees: '12x' is not a whole number");
        text.ShouldContain("row 3 id=E2: variant: unknown variant 'quarry'");
        text.ShouldContain("row 4 id=E3: culture_level: 'superb' is not one of excellent, good, fair, poor");
    }

    [Fact]
    public void Score_CsvInput_WritesJsonScoreCards()
    {
        var input = Path.Combine(_temp.FullName, "facts.csv");
        File.WriteAllText(input, "id,variant,employees,contracts_signed,insured,overtime_hours,leave_rate,culture_level\nE1,,100,100,100,20,1,excellent\n");
        var output = new FileInfo(Path.Combine(_temp.FullName, "out.json"));

        var exit = ScoreCommand.Run(new DirectoryInfo(Repo.Path("rules", "demo", "1.0")), new FileInfo(input), output, "json", TextWriter.Null);

        exit.ShouldBe(0);
        var json = File.ReadAllText(output.FullName);
        json.ShouldContain("\"total\": \"97.00\"");
        json.ShouldContain("\"grade\": \"A\"");
    }

    [Fact]
    public void Score_JsonPopulation_WritesExactlyTheCardsScoredOneByOne()
    {
        // 1,500 generated enterprises, base and gas mixed: read by the streaming reader, bound in parallel, scored and
        // written in parallel chunks (with the progress bar) — the bytes are those of scoring each in turn.
        var set = CatalogueLoader.LoadDirectory(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1"));
        var items = new List<Dictionary<string, object?>>();
        var expected = new List<ScoreCard>();
        foreach (var (variant, count) in new[] { ((string?)null, 900), ("gas", 600) })
        {
            var plan = ScoringPlan.Compile(set.Resolve(variant));
            foreach (var (facts, i) in NingboPopulation.GenerateRaw(plan.Catalogue, count, seed: 7 + count).Select((f, i) => (f, i)))
            {
                var id = $"{variant ?? "base"}-{i}";
                items.Add(new() { ["id"] = id, ["variant"] = variant, ["facts"] = facts });
                expected.Add(plan.Evaluate(plan.Bind(facts, [])!, id, explain: false));
            }
        }
        var order = Enumerable.Range(0, items.Count).OrderBy(i => (i * 7919) % items.Count).ToList();
        var input = Path.Combine(_temp.FullName, "population.json");
        File.WriteAllText(input, JsonSerializer.Serialize(order.Select(i => items[i])));
        var output = new FileInfo(Path.Combine(_temp.FullName, "out.json"));

        var exit = ScoreCommand.Run(new DirectoryInfo(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1")), new FileInfo(input), output, "json", TextWriter.Null);

        exit.ShouldBe(0);
        File.ReadAllText(output.FullName).ShouldBe(ScoreCardJson.Serialize(order.Select(i => expected[i])));
    }

    [Fact]
    public void Score_JsonWithBadItemsAndFacts_ReportsFileErrorsThenCaseErrorsInOrder()
    {
        var input = Path.Combine(_temp.FullName, "facts.json");
        File.WriteAllText(input, """
            [ { "id": "E1", "facts": { "employees": "12x" } },
              7,
              { "id": "E3", "variant": "quarry", "facts": {} },
              { "id": "E4", "facts": { "culture_level": "superb", "nonsense": 1 } },
              { "id": "E5" } ]
            """);
        var output = new FileInfo(Path.Combine(_temp.FullName, "out.json"));
        var error = new StringWriter();

        var exit = ScoreCommand.Run(new DirectoryInfo(Repo.Path("rules", "demo", "1.0")), new FileInfo(input), output, "json", error);

        exit.ShouldBe(1);
        output.Exists.ShouldBeFalse();
        error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{input}: item 2: expected an object with \"facts\": {{ … }}",
            $"{input}: item 5: expected an object with \"facts\": {{ … }}",
            "facts.json: row 1 id=E1: employees: '12x' is not a whole number",
            "facts.json: row 3 id=E3: variant: unknown variant 'quarry'",
            "facts.json: row 4 id=E4: culture_level: 'superb' is not one of excellent, good, fair, poor",
            "facts.json: row 4 id=E4: nonsense: unknown input",
            "6 error(s); nothing scored",
        ]);
    }

    [Fact]
    public void Score_BrokenCatalogue_ReportsOnlyTheCatalogue()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "broken", "1"));
        File.WriteAllText(Path.Combine(folder.FullName, "catalogue.yaml"), "{{{ this is : not [ yaml");
        var input = Path.Combine(_temp.FullName, "facts.json");
        File.WriteAllText(input, "[ 1, 2 ]");
        var error = new StringWriter();

        var exit = ScoreCommand.Run(folder, new FileInfo(input), null, "json", error);

        exit.ShouldBe(1);
        error.ToString().ShouldContain("YAML syntax");
        error.ToString().ShouldNotContain("item 1");
    }

    [Fact]
    public void Explain_UnknownId_SaysSo()
    {
        var error = new StringWriter();

        var exit = ExplainCommand.Run(new DirectoryInfo(Repo.Path("rules", "demo", "1.0")), new FileInfo(Repo.Path("rules", "demo", "1.0", "demo-facts.json")), "nobody", "zh", TextWriter.Null, error);

        exit.ShouldBe(1);
        error.ToString().ShouldContain("no case with id 'nobody'");
    }
}

public sealed class ScoreParkCliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("evaluation-park-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void ScorePark_ParkAndTenants_PrintsTheParkScoreCard()
    {
        var park = Path.Combine(_temp.FullName, "park.json");
        var tenants = Path.Combine(_temp.FullName, "tenants.json");
        File.WriteAllText(park, """{ "id": "P1", "facts": { "tripartite_level": "good", "union_federation": true } }""");
        File.WriteAllText(tenants, """
            [ { "id": "T1", "variant": null, "facts": { "employees": 100, "contracts_signed": 100, "social_insurance_insured": 90 } },
              { "id": "T2", "variant": "gas", "facts": { "employees": 300, "contracts_signed": 270, "social_insurance_insured": 300 } } ]
            """);
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = ScoreParkCommand.Run(new DirectoryInfo(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1")), new FileInfo(park), new FileInfo(tenants), output, error);

        exit.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("\"catalogue\": \"ningbo-harmonious-park\"");
        // P5 = lin(employee-weighted contract rate (100 + 270) / 400 = 0.925, 0.8, 1.0, 80) = 50
        output.ToString().ShouldContain("\"P5\": {\n      \"points\": \"50.00\"");
    }
}
