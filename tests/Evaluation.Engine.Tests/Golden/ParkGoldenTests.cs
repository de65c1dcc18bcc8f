using Evaluation.Engine.Park;
using Evaluation.Engine.Tests.Engine;
using YamlDotNet.RepresentationModel;

namespace Evaluation.Engine.Tests.Golden;

/// <summary>Industrial parks computed by hand: aggregates over tenants, then the park index, to the cent.</summary>
public sealed class ParkGoldenTests
{
    public static IEnumerable<object[]> Cases => GoldenCase.All("park");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScorePark_HandComputedCase_MatchesToTheCent(string name)
    {
        var root = GoldenCase.Root(Repo.Path("tests", "Evaluation.Engine.Tests", "Golden", "park", name + ".yaml"));
        var expected = GoldenCase.Load("park", name);
        var tenants = ((YamlSequenceNode)root["tenants"]).Children.Cast<YamlMappingNode>().Select(Tenant).ToList();
        var park = NingboGoldenTests.Ningbo.Park!;
        var errors = new List<string>();

        var aggregates = TenantAggregation.Compute(park, tenants);
        var card = TenantAggregation.ScorePark(ScoringPlan.Compile(park), GoldenCase.ReadFacts((YamlMappingNode)root["park"]), tenants, name, errors);

        errors.ShouldBeEmpty();
        var expectedAggregates = ((YamlMappingNode)((YamlMappingNode)root["expect"])["aggregates"]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => decimal.Parse(((YamlScalarNode)kv.Value).Value!, System.Globalization.CultureInfo.InvariantCulture));
        aggregates.ToDictionary(kv => kv.Key, kv => (decimal)kv.Value!).ShouldBe(expectedAggregates, ignoreOrder: true);
        card!.Indicators.ToDictionary(i => i.Id, i => ScoreCardJson.FormatPoints(i.Points)).ShouldBe(expected.Indicators, ignoreOrder: true);
        ScoreCardJson.FormatPoints(card.Total).ShouldBe(expected.Total);
        card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id).ShouldBe(expected.Vetoes, ignoreOrder: true);
        card.Grade.ShouldBe(expected.Grade);
    }

    /// <summary>A tenant scored on the base index; the case states the grade its full ScoreCard has.</summary>
    private static TenantRecord Tenant(YamlMappingNode node)
    {
        var card = Scoring.Score(NingboGoldenTests.Ningbo.Base, GoldenCase.ReadFacts((YamlMappingNode)node["facts"]), ((YamlScalarNode)node["id"]).Value!);
        var record = TenantRecord.FromScoreCard(card);
        var names = new Dictionary<string, object?>(record.Names) { ["grade"] = ((YamlScalarNode)node["grade"]).Value };
        return record with { Names = names };
    }

    [Fact]
    public void ScorePark_AggregateSuppliedDirectly_IsRefused()
    {
        var errors = new List<string>();

        var card = TenantAggregation.ScorePark(ScoringPlan.Compile(NingboGoldenTests.Ningbo.Park!), new Dictionary<string, object?> { ["tenant_count"] = 9m }, [], "p", errors);

        card.ShouldBeNull();
        errors.ShouldBe(["tenant_count: computed from the tenants; do not supply it"]);
    }
}
