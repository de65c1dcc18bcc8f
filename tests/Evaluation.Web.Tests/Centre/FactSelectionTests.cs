using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Tests.Centre;

/// <summary>Which value the engine reads: reviewer over department over enterprise; rejected values never.</summary>
public sealed class FactSelectionTests
{
    private static readonly DateTime T = new(2018, 6, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Features.Catalogue.CampaignCatalogue Campaign = Infrastructure.TestCatalogues.Of(
        Rules.Loading.CatalogueLoader.LoadDirectory(Infrastructure.Repository.PathOf("rules", "ningbo-harmonious-enterprise", "2018.1")), "C1711");
    private static readonly Rules.Model.Catalogue Catalogue = Campaign.Catalogue;

    private static Fact F(string input, string value, FactOrigin origin, string? department = null, int minutes = 0) =>
        new(Guid.NewGuid(), Guid.Empty, Guid.Empty, input, FactValue.From(value), origin, department, null, "t", T.AddMinutes(minutes));

    [Fact]
    public void Reviewer_OutranksDepartment_OutranksEnterprise_WhateverTheOrder()
    {
        Fact[] facts =
        [
            F("social_insurance_insured", "300", FactOrigin.Enterprise, minutes: 30),
            F("social_insurance_insured", "310", FactOrigin.Department, "hrss", minutes: 20),
            F("social_insurance_insured", "320", FactOrigin.Reviewer, minutes: 10),
        ];
        FactSelection.ForScoring(Campaign, facts, [])["social_insurance_insured"].ShouldBe(320);
        FactSelection.ForScoring(Campaign, facts[..2], [])["social_insurance_insured"].ShouldBe(310);
        FactSelection.ForScoring(Campaign, facts[..1], [])["social_insurance_insured"].ShouldBe(300);
    }

    [Fact]
    public void RejectedEnterpriseFact_IsNotRead_EvenAlone()
    {
        var claim = F("employees", "400", FactOrigin.Enterprise);
        claim.Verify(VerificationStatus.Rejected, "虚报");
        FactSelection.ForScoring(Campaign, [claim], []).ShouldNotContainKey("employees");
        FactSelection.ForScoring(Campaign, [claim, F("employees", "380", FactOrigin.Enterprise, minutes: -5)], [])["employees"].ShouldBe(380);
    }

    [Fact]
    public void AmongDepartments_TheInputsOwnDepartmentComesFirst_ThenTheLatest()
    {
        Fact[] facts =
        [
            F("social_insurance_insured", "200", FactOrigin.Department, "union", minutes: 50),
            F("social_insurance_insured", "210", FactOrigin.Department, "hrss", minutes: 0),
        ];
        FactSelection.ForScoring(Campaign, facts, [])["social_insurance_insured"].ShouldBe(210);
        FactSelection.ForScoring(Campaign, [F("employees", "1", FactOrigin.Enterprise), F("employees", "2", FactOrigin.Enterprise, minutes: 1)], [])
            ["employees"].ShouldBe(2);
    }

    [Fact]
    public void Ties_OfRankAndTime_GoToTheFirstMet()
    {
        var (one, two) = (F("employees", "1", FactOrigin.Enterprise), F("employees", "2", FactOrigin.Enterprise));
        FactSelection.ForScoring(Campaign, [one, two], [])["employees"].ShouldBe(1);
        FactSelection.ForScoring(Campaign, [two, one], [])["employees"].ShouldBe(2);
        FactSelection.Choose(Catalogue.FindInput("employees")!, [two, one]).ShouldBe(two);
    }

    /// <summary>
    /// The one-pass selection reads what the earlier group-and-sort did (kept here as the reference), on random facts:
    /// every origin, foreign and own departments, rejected and superseded ones, equal times.
    /// </summary>
    [Fact]
    public void OnePassSelection_ReadsWhatGroupingAndSortingRead()
    {
        var random = new Random(8);
        var inputs = Catalogue.Inputs.Where(i => i.Type is Rules.Model.InputType.Integer or Rules.Model.InputType.Decimal).Take(12).ToList();
        string[] departments = ["hrss", "union", "tax", "ep"];
        for (var round = 0; round < 200; round++)
        {
            var facts = new List<Fact>();
            for (var k = random.Next(0, 40); k > 0; k--)
            {
                var input = inputs[random.Next(inputs.Count)];
                var origin = (FactOrigin)random.Next(4);
                var fact = F(input.Id, random.Next(0, 500).ToString(System.Globalization.CultureInfo.InvariantCulture), origin,
                    origin == FactOrigin.Department ? departments[random.Next(departments.Length)] : null, minutes: random.Next(0, 4));
                if (random.Next(8) == 0) fact.Verify(VerificationStatus.Rejected, "x");
                if (random.Next(10) == 0) fact.SupersedeWith(F(input.Id, "0", FactOrigin.Enterprise));
                facts.Add(fact);
            }
            var expected = Reference(Catalogue, facts);
            var actual = FactSelection.ForScoring(Campaign, facts, []);
            actual.ToList().ShouldBe(expected.ToList(), $"round {round}");
        }
    }

    private static Dictionary<string, object?> Reference(Rules.Model.Catalogue catalogue, IEnumerable<Fact> facts)
    {
        var current = facts.Where(f => f.SupersededById is null && f.Verification != VerificationStatus.Rejected)
            .GroupBy(f => f.InputId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs)
        {
            if (!current.TryGetValue(input.Id, out var candidates)) continue;
            var chosen = candidates.OrderByDescending(f => f.Origin switch
            {
                FactOrigin.Reviewer => 4,
                FactOrigin.Department => f.DepartmentId == input.Source ? 3 : 2,
                _ => string.Equals(f.Origin.ToString(), input.Source, StringComparison.OrdinalIgnoreCase) ? 1 : 0,
            }).ThenByDescending(f => f.SuppliedAt).First();
            values[input.Id] = Rules.Loading.Values.Parse(input, chosen.ValueText, out _);
        }
        return values;
    }

    /// <summary>The facts hash is SHA-256 over "id=value" lines in ordinal order, values written as Convert.ToString does.</summary>
    [Fact]
    public void FactsHash_IsTheSha256OfTheCanonicalText()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["b_decimal"] = 1.50m, ["a_integer"] = 320m, ["negative"] = -0.0001m, ["large"] = 79228162514264337593543950335m,
            ["flag"] = true, ["no"] = false, ["day"] = new DateOnly(2018, 6, 1), ["grade"] = "良好", ["Upper"] = "x", ["empty"] = null,
        };
        foreach (var n in Enumerable.Range(0, 300)) values[$"k{n:D3}"] = n * 1.25m; // past the first buffer
        var text = new System.Text.StringBuilder();
        foreach (var (id, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append(id).Append('=').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));

        Scorer.FactsHash(values).ShouldBe(expected);
        Scorer.FactsHash(new Dictionary<string, object?>(values.Reverse(), StringComparer.Ordinal)).ShouldBe(expected, "order of insertion does not matter");
        Scorer.FactsHash(new Dictionary<string, object?>(values) { ["b_decimal"] = 1.5m }).ShouldNotBe(expected, "1.50 and 1.5 are written as supplied");
    }
}
