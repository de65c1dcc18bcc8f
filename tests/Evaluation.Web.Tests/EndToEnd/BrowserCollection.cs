namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// Browser journeys run one at a time, after the parallel tests: each drives its own Chromium against its own
/// Kestrel, and their waits (a score moving within seconds) timed out when they raced the rest of the suite on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";

    /// <summary>
    /// Waits long enough for a loaded 2-core CI machine (a page or an assertion gives up after 30 s, not 5 s);
    /// a journey that is really broken still fails, only later.
    /// </summary>
    public static Microsoft.Playwright.IPage Patient(Microsoft.Playwright.IPage page)
    {
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }
}
