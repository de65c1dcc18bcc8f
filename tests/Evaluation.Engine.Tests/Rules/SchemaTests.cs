using Evaluation.Rules.Loading;

namespace Evaluation.Engine.Tests.Rules;

public sealed class SchemaTests
{
    [Fact]
    public void PublishedCatalogueSchema_MatchesWhatTheLoaderAccepts() =>
        Approval.Verify(CatalogueSchema.Catalogue(), "rules", "schema", "catalogue.schema.json");

    [Fact]
    public void PublishedVariantSchema_MatchesWhatTheLoaderAccepts() =>
        Approval.Verify(CatalogueSchema.Variant(), "rules", "schema", "variant.schema.json");
}
