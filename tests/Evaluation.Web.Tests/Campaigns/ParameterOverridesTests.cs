using Evaluation.Rules.Loading;

namespace Evaluation.Web.Tests.Campaigns;

public sealed class ParameterOverridesTests
{
    private static readonly Lazy<Evaluation.Rules.Model.Catalogue> Ningbo = new(() =>
        CatalogueLoader.LoadDirectory(Repository.PathOf("rules", "ningbo-harmonious-enterprise", "2018.1")).Base);

    [Fact]
    public void Apply_KnownParameters_ReplacesTheirValuesOnly()
    {
        var catalogue = ParameterOverrides.Apply(Ningbo.Value, """{ "grade_a_min": 880, "city_avg_wage": 85000 }""");

        catalogue.Parameters.Single(p => p.Id == "grade_a_min").Value.ShouldBe(880m);
        catalogue.Parameters.Single(p => p.Id == "city_avg_wage").Value.ShouldBe(85000m);
        catalogue.Parameters.Single(p => p.Id == "grade_b_min").Value.ShouldBe(800m);
        Ningbo.Value.Parameters.Single(p => p.Id == "grade_a_min").Value.ShouldBe(900m); // the loaded catalogue is untouched
    }

    [Fact]
    public void Apply_NoOverrides_ReturnsTheCatalogueItself() =>
        ParameterOverrides.Apply(Ningbo.Value, "{}").ShouldBeSameAs(Ningbo.Value);

    [Fact]
    public void Apply_UnknownParameter_IsRefusedByName() =>
        Should.Throw<InvalidOperationException>(() => ParameterOverrides.Apply(Ningbo.Value, """{ "grade_z_min": 1 }"""))
            .Message.ShouldContain("grade_z_min");

    [Fact]
    public void Apply_ValueOfTheWrongType_IsRefused() =>
        Should.Throw<InvalidOperationException>(() => ParameterOverrides.Apply(Ningbo.Value, """{ "grade_a_min": "high" }"""))
            .Message.ShouldContain("grade_a_min");

    [Fact]
    public void Campaign_WithOverridesThatAreNotAJsonObject_IsRefused() =>
        Should.Throw<FormatException>(() => new Campaign(Guid.NewGuid(), 2018, "x", CampaignLevel.Municipal, null,
            "ningbo-harmonious-enterprise", "2018.1", CampaignPhases.ForYear(2018), "[1, 2]"));

}
