using Evaluation.Engine.Tests.Golden;
using Evaluation.Rules.Documentation;

namespace Evaluation.Engine.Tests.Rules;

/// <summary>The catalogue reference in docs/catalogue/ is generated; any change to rules/ shows as a diff of it.</summary>
public sealed class ReferenceDocTests
{
    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Reference_MatchesTheCheckedInDocument(string lang) =>
        Approval.Verify(CatalogueDoc.Render(NingboGoldenTests.Ningbo, lang), "docs", "catalogue", $"reference.{lang}.md");
}
