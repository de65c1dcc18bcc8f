using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Tests.Centre;

/// <summary>Which value the engine reads: reviewer over department over enterprise; rejected values never.</summary>
public sealed class FactSelectionTests
{
    private static readonly DateTime T = new(2018, 6, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Rules.Model.Catalogue Catalogue =
        Rules.Loading.CatalogueLoader.LoadDirectory(Infrastructure.Repository.PathOf("rules", "ningbo-harmonious-enterprise", "2018.1")).ForIndustry("C1711");

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
        FactSelection.ForScoring(Catalogue, facts, [])["social_insurance_insured"].ShouldBe(320);
        FactSelection.ForScoring(Catalogue, facts[..2], [])["social_insurance_insured"].ShouldBe(310);
        FactSelection.ForScoring(Catalogue, facts[..1], [])["social_insurance_insured"].ShouldBe(300);
    }

    [Fact]
    public void RejectedEnterpriseFact_IsNotRead_EvenAlone()
    {
        var claim = F("employees", "400", FactOrigin.Enterprise);
        claim.Verify(VerificationStatus.Rejected, "虚报");
        FactSelection.ForScoring(Catalogue, [claim], []).ShouldNotContainKey("employees");
        FactSelection.ForScoring(Catalogue, [claim, F("employees", "380", FactOrigin.Enterprise, minutes: -5)], [])["employees"].ShouldBe(380);
    }

    [Fact]
    public void AmongDepartments_TheInputsOwnDepartmentComesFirst_ThenTheLatest()
    {
        Fact[] facts =
        [
            F("social_insurance_insured", "200", FactOrigin.Department, "union", minutes: 50),
            F("social_insurance_insured", "210", FactOrigin.Department, "hrss", minutes: 0),
        ];
        FactSelection.ForScoring(Catalogue, facts, [])["social_insurance_insured"].ShouldBe(210);
        FactSelection.ForScoring(Catalogue, [F("employees", "1", FactOrigin.Enterprise), F("employees", "2", FactOrigin.Enterprise, minutes: 1)], [])
            ["employees"].ShouldBe(2);
    }
}
