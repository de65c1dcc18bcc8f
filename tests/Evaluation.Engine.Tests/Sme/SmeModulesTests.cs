using System.Globalization;
using Evaluation.Engine.Sme;
using Evaluation.Engine.Tests.Golden;
using YamlDotNet.RepresentationModel;

namespace Evaluation.Engine.Tests.Sme;

public sealed class SmeModulesTests
{
    [Fact]
    public void Assess_HandComputedEnterprises_PassTheRightModules()
    {
        var root = GoldenCase.Root(Repo.Path("tests", "Evaluation.Engine.Tests", "Golden", "sme", "levels.yaml"));
        var scheme = NingboGoldenTests.Ningbo.Sme!;
        var max = NingboGoldenTests.Ningbo.Base.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);

        foreach (var e in ((YamlSequenceNode)root["enterprises"]).Children.Cast<YamlMappingNode>())
        {
            var points = ((YamlMappingNode)e["indicators"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Dec(kv.Value), StringComparer.Ordinal);
            var vetoed = ((YamlSequenceNode)e["vetoes"]).Children.Count > 0;
            var expect = (YamlMappingNode)e["expect"];

            var result = SmeAssessment.Assess(scheme, points, max, vetoed, vetoed ? "D" : "C");

            var id = ((YamlScalarNode)e["id"]).Value;
            foreach (var (key, value) in ((YamlMappingNode)expect["modules"]).Children)
            {
                var module = result.Modules.Single(m => m.Id == ((YamlScalarNode)key).Value);
                var m = (YamlMappingNode)value;
                ScoreCardJson.FormatPoints(module.Points).ShouldBe(((YamlScalarNode)m["points"]).Value, $"{id} {module.Id}");
                module.Max.ShouldBe(Dec(m["max"]), $"{id} {module.Id}");
                module.Passed.ShouldBe(((YamlScalarNode)m["passed"]).Value == "true", $"{id} {module.Id}");
            }
            result.Passed.ShouldBe(((YamlSequenceNode)expect["passed"]).Children.Select(c => ((YamlScalarNode)c).Value!), $"{id}");
        }
    }

    [Fact]
    public void Assess_ScoreCard_UsesItsPointsAndVariantMaxima()
    {
        var golden = GoldenCase.Load("ningbo", "G14-gas-reweighting");
        var card = Engine.Scoring.Score(NingboGoldenTests.Ningbo.Resolve("gas"), golden.Facts);

        var result = SmeAssessment.Assess(NingboGoldenTests.Ningbo.Sme!, card);

        // M6 honest dealing on gas: S3 was re-weighted 20 → 15, so the module's maximum is 30 + 30 + 15 + 20.
        result.Modules.Single(m => m.Id == "M6").Max.ShouldBe(95m);
    }

    private static decimal Dec(YamlNode node) => decimal.Parse(((YamlScalarNode)node).Value!, CultureInfo.InvariantCulture);
}
