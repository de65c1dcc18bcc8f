namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// Browser journeys run one at a time, after the parallel tests: each drives its own Chromium against its own
/// Kestrel, and their waits (a score moving within 10 s) timed out when they raced the rest of the suite on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
