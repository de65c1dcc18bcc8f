using Evaluation.Rules.Loading;

namespace Evaluation.Rules.Tests.Loading;

public sealed class LoaderErrorTests
{
    private static IReadOnlyList<CatalogueError> Errors(string yaml) =>
        Should.Throw<CatalogueException>(() => CatalogueLoader.LoadText(MinimalCatalogue.File, yaml)).Errors;

    private static CatalogueError Single(string yaml)
    {
        var errors = Errors(yaml);
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        return errors[0];
    }

    [Fact]
    public void Load_MinimalCatalogue_Succeeds()
    {
        var catalogue = CatalogueLoader.LoadText(MinimalCatalogue.File, MinimalCatalogue.Yaml);

        catalogue.Indicators.Select(i => i.Id).ShouldBe(["L1", "L2", "L3"]);
        catalogue.Total.ShouldBe(30m);
    }

    [Fact]
    public void Load_YamlSyntaxError_SaysWhere()
    {
        var error = Single(MinimalCatalogue.With("total: 30", "total: [30"));

        error.File.ShouldBe(MinimalCatalogue.File);
        error.Message.ShouldStartWith("YAML syntax");
        error.Line.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void Load_UnknownKey_NamesTheKeyAndWhatIsAllowed()
    {
        var errors = Errors(MinimalCatalogue.With("method: quantitative", "methd: quantitative"));

        errors.Select(e => e.ToString()).ShouldBe([
            $"{MinimalCatalogue.File}:23:9: unknown key 'methd'; expected one of: id, name, method, points, target, note, parts, score, table, linear, levels, deduct",
            $"{MinimalCatalogue.File}:21:9: [L1] method is missing; give one of quantitative | semi-quantitative | qualitative",
        ]);
    }

    [Fact]
    public void Load_UnknownName_GivesLineColumnAndIndicator()
    {
        var error = Single(MinimalCatalogue.With("if rate >= target", "if rate >= targt"));

        error.Element.ShouldBe("L1");
        error.Line.ShouldBe(25);
        error.Column.ShouldBe(28);
        error.Message.ShouldContain("targt");
    }

    [Fact]
    public void Load_TypeMismatch_IsAnErrorAtTheExpression()
    {
        var error = Single(MinimalCatalogue.With("when: cases > 3", "when: cases + 3"));

        error.Element.ShouldBe("V1");
        error.Line.ShouldBe(37);
        error.Message.ShouldContain("expected a boolean");
    }

    [Fact]
    public void Load_OperandTypesDisagree_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("expr: insured / employees", "expr: insured / \"x\""));

        error.Element.ShouldBe("rate");
        error.Line.ShouldBe(15);
    }

    [Fact]
    public void Load_CycleAmongDerivedValues_NamesTheCycle()
    {
        var yaml = MinimalCatalogue.With("- { id: rate, expr: insured / employees }",
            "- { id: rate, expr: insured / other }\n  - { id: other, expr: rate * 2 }");

        var error = Single(yaml);

        error.Message.ShouldContain("cycle");
        error.Message.ShouldContain("rate → other → rate");
    }

    [Fact]
    public void Load_CategoryPointsDoNotAddUp_SaysTheDifference()
    {
        var yaml = MinimalCatalogue.With("points: 10\n        deduct", "points: 12\n        deduct");

        var errors = Errors(yaml);

        errors.ShouldContain(e => e.Element == "labour" && e.Message == "indicator points add up to 32, but the category has 30 (difference 2)");
    }

    [Fact]
    public void Load_TableOutputOutsidePoints_IsAnError()
    {
        var yaml = MinimalCatalogue.With("score: \"if rate >= target then 10 else 0\"",
            "table: { inputs: [rate], rows: [ { when: [\">= 1\"], then: 12 }, { when: [\"-\"], then: 0 } ] }");

        var error = Single(yaml);

        error.Element.ShouldBe("L1");
        error.Message.ShouldBe("table output 12 is outside the indicator's points [0, 10]");
    }

    [Fact]
    public void Load_DuplicateIndicatorId_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("- id: L3", "- id: L2"));

        error.Element.ShouldBe("L2");
        error.Message.ShouldBe("duplicate id 'L2'");
    }

    [Fact]
    public void Load_DuplicateNameAcrossInputsAndParameters_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("parameters:\n", "  - { id: target, type: integer, source: hrss, label: { zh: 目标 } }\nparameters:\n"));

        error.Line.ShouldBe(12);
        error.Message.ShouldBe("duplicate id 'target'");
    }

    [Fact]
    public void Load_UnknownSource_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("source: hrss, label: { zh: 参保人数 }", "source: tax, label: { zh: 参保人数 }"));

        error.Element.ShouldBe("insured");
        error.Message.ShouldContain("source 'tax'");
    }

    [Fact]
    public void Load_NoScoringForm_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("        deduct: [ { count: cases, per: 5 } ]\n", ""));

        error.Element.ShouldBe("L2");
        error.Message.ShouldStartWith("no scoring form");
    }

    [Fact]
    public void Load_LevelWithoutFraction_IsAnError()
    {
        var error = Single(MinimalCatalogue.With("scale: { good: 1, poor: 0 }", "scale: { good: 1 }"));

        error.Message.ShouldBe("levels: value 'poor' of input 'level' has no fraction in the scale");
    }

    [Fact]
    public void Load_SeveralProblems_ReportsThemAllAtOnce()
    {
        var yaml = MinimalCatalogue.With("if rate >= target", "if rat >= target")
            .Replace("when: cases > 3", "when: casez > 3", StringComparison.Ordinal)
            .Replace("total >= 25", "totl >= 25", StringComparison.Ordinal);

        var errors = Errors(yaml);

        errors.Select(e => e.Element).ShouldBe(["L1", "V1", "A"], ignoreOrder: true);
    }
}
