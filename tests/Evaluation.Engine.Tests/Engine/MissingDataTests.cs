namespace Evaluation.Engine.Tests.Engine;

public sealed class MissingDataTests
{
    private static readonly object Full = new
    {
        employees = 200, contracts_signed = 196, insured = 192, overtime_hours = 30, leave_rate = 0.9,
        culture_level = "good", credit_grade = "A",
    };

    [Fact]
    public void Evaluate_MissingInputReadThroughDerivedValue_ScoresZeroAndSaysWhy()
    {
        var facts = Scoring.ToDictionary(Full);
        facts.Remove("insured");

        var card = Scoring.Score(Scoring.Demo, facts);

        card.Indicator("L2").Status.ShouldBe(IndicatorStatus.Missing);
        card.Indicator("L2").Points.ShouldBe(0m);
        card.MissingInputs.ShouldBe(["insured"]);
        card.Explain().Render("L2", "zh").ShouldContain("参加社会保险人数 (insured) = 缺失");
    }

    [Fact]
    public void Evaluate_DivisionByZero_MakesTheDerivedValueNullAndItsReadersMissing()
    {
        var facts = Scoring.ToDictionary(Full);
        facts["employees"] = 0m;

        var card = Scoring.Score(Scoring.Demo, facts);

        card.Indicator("L1").Status.ShouldBe(IndicatorStatus.Missing);
        card.Indicator("L2").Status.ShouldBe(IndicatorStatus.Missing);
        card.Indicator("L3").Status.ShouldBe(IndicatorStatus.Scored);
        card.Explain().Render("L1", "en").ShouldContain("null (missing or division by zero)");
    }

    [Fact]
    public void Evaluate_InputWithDefault_IsNeverMissing()
    {
        var card = Scoring.Score(Scoring.Demo, Full);

        card.Indicator("L3").Points.ShouldBe(10m);
        card.Facts.IsDefaulted("wage_arrears_cases").ShouldBeTrue();
        card.MissingInputs.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_MissingInputInOnePart_MakesTheWholeIndicatorMissing()
    {
        var facts = Scoring.ToDictionary(Full);
        facts.Remove("leave_rate");

        var card = Scoring.Score(Scoring.Demo, facts);

        card.Indicator("L4").Status.ShouldBe(IndicatorStatus.Missing);
    }

    [Fact]
    public void Evaluate_VetoWithNullCondition_DoesNotFireAndIsListed()
    {
        var catalogue = Evaluation.Rules.Loading.CatalogueLoader.LoadText("v.yaml", """
            id: v
            version: "1"
            total: 10
            inputs:
              - { id: x, type: integer, source: enterprise, label: { zh: x } }
            categories:
              - id: c
                points: 10
                indicators:
                  - { id: I1, name: { zh: i }, method: quantitative, points: 10, score: "10" }
            veto:
              - { id: V1, name: { zh: 否决 }, when: x > 0, source: enterprise }
            grades:
              - { grade: D, when: vetoed }
              - { grade: A, when: "true" }
            """);

        var card = Scoring.Score(catalogue, new { });

        card.Grade.ShouldBe("A");
        card.Vetoes.Single().Fired.ShouldBeNull();
        ScoreCardJson.Serialize(card).ShouldContain("\"vetoesUndecided\": [\n    \"V1\"\n  ]");
    }

    [Fact]
    public void Bind_WrongTypeAndUnknownInput_NameTheField()
    {
        var plan = Scoring.Plans.For(Scoring.Demo);
        var errors = new List<string>();

        var facts = plan.Bind(new Dictionary<string, object?> { ["employees"] = "many", ["colour"] = "red", ["culture_level"] = "superb", ["leave_rate"] = 1.5m }, errors);

        facts.ShouldBeNull();
        errors.ShouldBe([
            "employees: 'many' is not a whole number",
            "colour: unknown input",
            "culture_level: 'superb' is not one of excellent, good, fair, poor",
            "leave_rate: 1.5 is outside [0, 1]",
        ], ignoreOrder: true);
    }
}
