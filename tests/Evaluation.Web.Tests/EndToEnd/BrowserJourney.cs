using Microsoft.Playwright;

namespace Evaluation.Web.Tests.EndToEnd;

/// <summary>
/// What every browser journey shares: the app on a real Kestrel port (SQLite), Debian's Chromium driven headless by
/// Playwright, patient waits, screenshots under artifacts/e2e, and a list of page errors and CSP violations the
/// journey must end without. Never skipped: when Chromium is missing the journey fails and says how to install it.
/// </summary>
public abstract class BrowserJourney : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    protected static readonly string Artifacts = Repository.PathOf("artifacts", "e2e");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected EvaluationApp App { get; private set; } = null!;

    /// <summary>Page errors and blocked scripts seen on any page of the journey.</summary>
    protected List<string> Errors { get; } = [];

    /// <summary>The app the journey drives: by default the test scenario on SQLite.</summary>
    protected virtual Task<EvaluationApp> StartAppAsync() => EvaluationApp.StartSqliteOnKestrelAsync();

    /// <summary>Data the journey needs beyond what <see cref="StartAppAsync"/> seeds.</summary>
    protected virtual Task ArrangeAsync(EvaluationApp app) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        App = await StartAppAsync();
        await ArrangeAsync(App);
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: run scripts/prereqs.sh (apt-get install chromium fonts-noto-cjk).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A page in a fresh browser context (its own cookies), watched for errors.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = viewport });
        var page = BrowserCollection.Patient(await context.NewPageAsync());
        page.PageError += (_, e) => Errors.Add(e);
        // A script or style the Content-Security-Policy blocks is reported on the console: fail on it.
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) Errors.Add(m.Text); };
        return page;
    }

    protected async Task<IPage> SignInAsync(string userName, string password = Scenario.Password)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName, password);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in through the login form (again, when a session has expired).</summary>
    protected static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    protected static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
}
