using Evaluation.Engine.Tests.Engine;
using Evaluation.Rules.Loading;

namespace Evaluation.Engine.Tests.Golden;

/// <summary>
/// Enterprises computed by hand from CATALOGUE.md (each indicator's working is in the case file's comments),
/// scored by the shipped rules: every point must match to the cent.
/// </summary>
public sealed class NingboGoldenTests
{
    internal static CatalogueSet Ningbo { get; } = CatalogueLoader.LoadDirectory(Repo.Path("rules", "ningbo-harmonious-enterprise", "2018.1"));

    public static IEnumerable<object[]> Cases => GoldenCase.All("ningbo");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_HandComputedCase_MatchesToTheCent(string name)
    {
        var golden = GoldenCase.Load("ningbo", name);

        var card = Scoring.Score(Ningbo.Resolve(golden.Variant), golden.Facts, golden.Id);

        var actual = card.Indicators.ToDictionary(i => i.Id, i => ScoreCardJson.FormatPoints(i.Points));
        actual.ShouldBe(golden.Indicators, ignoreOrder: true);
        card.Categories.ToDictionary(c => c.Id, c => ScoreCardJson.FormatPoints(c.Points)).ShouldBe(golden.Categories, ignoreOrder: true);
        ScoreCardJson.FormatPoints(card.Total).ShouldBe(golden.Total);
        card.Vetoes.Where(v => v.Fired == true).Select(v => v.Id).ShouldBe(golden.Vetoes, ignoreOrder: true);
        card.Indicators.Where(i => i.Status == IndicatorStatus.Missing).Select(i => i.Id).ShouldBe(golden.Missing, ignoreOrder: true);
        card.Grade.ShouldBe(golden.Grade);
    }

    [Fact]
    public void Catalogue_EveryVariantKeepsTheCategoryTotals()
    {
        foreach (var variant in Ningbo.Variants.Values)
        {
            variant.Total.ShouldBe(1000m);
            variant.Categories.Select(c => (c.Id, c.Points)).ShouldBe(Ningbo.Base.Categories.Select(c => (c.Id, c.Points)));
        }
        Ningbo.Variants.Count.ShouldBe(14);
        Ningbo.Base.Indicators.Count().ShouldBe(39);
        Ningbo.Base.Vetoes.Length.ShouldBe(13);
    }

    [Fact]
    public void Catalogue_EveryInputHasASourceAndBilingualLabel()
    {
        foreach (var input in Ningbo.Variants.Values.SelectMany(v => v.Inputs).Concat(Ningbo.Base.Inputs))
        {
            input.Source.ShouldNotBeNullOrWhiteSpace();
            input.Label.Zh.ShouldNotBe(input.Label.En, $"{input.Id} needs both zh and en labels");
        }
    }
}
