using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Tests.Supervision;

/// <summary>Event types come from the catalogue: a department's inputs that a veto reads, typed by the input.</summary>
public sealed class EventTypesTests
{
    private static readonly Rules.Loading.CatalogueSet Set = Rules.Loading.CatalogueLoader.LoadDirectory(
        Infrastructure.Repository.PathOf("rules", "ningbo-harmonious-enterprise", "2018.1"));

    private static IReadOnlyList<EventType> For(string department) =>
        EventTypes.For(Set, new[] { Set.Base }.Concat(Set.Variants.Values).SelectMany(c => c.Inputs)
            .Where(i => i.Source == department).DistinctBy(i => i.Id).ToDictionary(i => i.Id));

    [Fact]
    public void Safety_HasTheFatalAccident_ACountReadByV01_AndTheIndustryVariantsVetoInputs()
    {
        var types = For("safety");
        types.ShouldContain(x => x.Id == "hazchem_incidents" && x.Kind == EventKind.Count); // petrochemicals variant's veto
        types.ShouldContain(x => x.Id == "three_in_one_premises" && x.Kind == EventKind.Flag); // textiles variant's veto
        types.ShouldAllBe(x => x.Input.Source == "safety");
        var t = types.Single(x => x.Id == "fatal_or_general_accidents");
        (t.Id, t.Kind, t.Vetoes.Single().Id).ShouldBe(("fatal_or_general_accidents", EventKind.Count, "V01"));
        t.ValueAfter(null, null).ShouldBe("1");
        t.ValueAfter("2", null).ShouldBe("3");
    }

    [Fact]
    public void Tax_HasAGradeAndAListing_AndOnlyThoseVetoesInputs()
    {
        var types = For("tax").ToDictionary(t => t.Id);
        types.Keys.ShouldBe(["tax_credit_grade", "major_tax_violation"], ignoreOrder: true);
        types["tax_credit_grade"].Kind.ShouldBe(EventKind.Level);
        types["tax_credit_grade"].ValueAfter(null, "D").ShouldBe("D");
        types["tax_credit_grade"].ValueAfter(null, "E").ShouldBeNull();
        types["major_tax_violation"].Kind.ShouldBe(EventKind.Flag);
    }

    [Fact]
    public void EveryVetoWithADepartmentSource_HasAnEventTypeOfThatDepartment()
    {
        foreach (var veto in Set.Base.Vetoes.Where(v => v.Source != "reviewer"))
            For(veto.Source).ShouldContain(t => t.Vetoes.Any(v => v.Id == veto.Id), veto.Id);
    }
}
