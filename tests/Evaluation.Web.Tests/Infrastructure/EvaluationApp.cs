using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Evaluation.Web.Tests.Infrastructure;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// The whole web application on a fresh database of its own (a new PostgreSQL database or SQLite file),
/// migrated at start-up exactly as in production, with a fixed clock and the test scenario seeded.
/// </summary>
public sealed class EvaluationApp : WebApplicationFactory<Program>
{
    private string? _sqliteFile;
    private bool _databaseDown;
    private int? _demoEnterprises;
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private string _environment = "Testing";
    private Action<IServiceCollection>? _services;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _logs = new();

    /// <summary>Set to "true" in an app's settings to keep every log message, at every level, in <see cref="Logs"/>.</summary>
    public const string CaptureLogs = "Test:CaptureLogs";

    /// <summary>Every message the app logged (formatted, with any exception), when started with <see cref="CaptureLogs"/>.</summary>
    public IReadOnlyCollection<string> Logs => _logs;

    private EvaluationApp(Provider provider, string connectionString, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
    }

    public Provider Provider { get; }
    public string ConnectionString { get; }
    public Scenario Scenario { get; private set; } = null!;
    public TestClock Clock { get; } = new();

    public static async Task<EvaluationApp> StartPostgresAsync(PostgresServer server, IReadOnlyDictionary<string, string>? settings = null,
        bool withScenario = true) =>
        await StartAsync(new EvaluationApp(Provider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync()), null)
            { _settings = settings ?? new Dictionary<string, string>() }, withScenario);

    /// <param name="settings">Configuration for this app only (e.g. a low sign-in limit), over the test defaults.</param>
    /// <param name="environment">The host environment (Development and Production behave differently in places; tests run "Testing").</param>
    /// <param name="services">Replaces services after the app's own (a fault to inject).</param>
    public static Task<EvaluationApp> StartSqliteAsync(bool withScenario = true, IReadOnlyDictionary<string, string>? settings = null,
        string environment = "Testing", Action<IServiceCollection>? services = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"evaluation-test-{Guid.NewGuid():N}.db");
        return StartAsync(new EvaluationApp(Provider.Sqlite, $"Data Source={file}", file)
            { _settings = settings ?? new Dictionary<string, string>(), _environment = environment, _services = services }, withScenario);
    }

    /// <summary>The app on a real Kestrel port (SQLite file), for a browser to drive; see <see cref="BaseAddress"/>.</summary>
    public static async Task<EvaluationApp> StartSqliteOnKestrelAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"evaluation-test-{Guid.NewGuid():N}.db");
        var app = new EvaluationApp(Provider.Sqlite, $"Data Source={file}", file);
        app.UseKestrel(0);
        app.StartServer(); // migrations run here
        app.Scenario = await Scenario.SeedAsync(app.Services);
        return app;
    }

    /// <summary>The demo's passwords, when started with <see cref="StartDemoOnKestrelAsync"/>.</summary>
    internal IReadOnlyList<Features.Demo.DemoAccount> DemoAccounts { get; private set; } = [];

    /// <summary>The app on Kestrel (SQLite file) with the first-run demo data instead of the test scenario, for a browser journey.</summary>
    public static async Task<EvaluationApp> StartDemoOnKestrelAsync(int enterprises)
    {
        var file = Path.Combine(Path.GetTempPath(), $"evaluation-test-{Guid.NewGuid():N}.db");
        var app = new EvaluationApp(Provider.Sqlite, $"Data Source={file}", file) { _demoEnterprises = enterprises };
        app.UseKestrel(0);
        app.StartServer();
        await using var scope = app.Services.CreateAsyncScope();
        app.DemoAccounts = await scope.ServiceProvider.GetRequiredService<Features.Demo.DemoSeeder>().SeedAsync(CancellationToken.None);
        return app;
    }

    /// <summary>The app on a real Kestrel port over a new database on <paramref name="server"/>, for load generators.</summary>
    public static async Task<EvaluationApp> StartPostgresOnKestrelAsync(PostgresServer server, bool withScenario = false)
    {
        var app = new EvaluationApp(Provider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync()), null);
        app.UseKestrel(0);
        app.StartServer();
        if (withScenario) app.Scenario = await Scenario.SeedAsync(app.Services);
        return app;
    }

    /// <summary>Where Kestrel listens, once started with <see cref="StartSqliteOnKestrelAsync"/>.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
        .Addresses.First());

    /// <summary>The app pointed at a PostgreSQL port where nothing listens: for what happens when the database is down.</summary>
    public static EvaluationApp StartWithDatabaseDown()
    {
        var app = new EvaluationApp(Provider.Postgres,
            "Host=127.0.0.1;Port=9;Username=postgres;Database=none;Timeout=2;Pooling=false", null) { _databaseDown = true };
        _ = app.Server;
        return app;
    }

    /// <summary>
    /// Stops this app and starts a new one over the same database with the same settings, as a restart would (or
    /// a second instance): nothing in memory survives, only what is in the database. This app is disposed; the
    /// new one owns the database file.
    /// </summary>
    public async Task<EvaluationApp> RestartAsync()
    {
        var next = new EvaluationApp(Provider, ConnectionString, _sqliteFile) { _settings = _settings, Scenario = Scenario };
        _sqliteFile = null;
        await DisposeAsync();
        _ = next.Server; // migrations (none pending) run here
        return next;
    }

    private static async Task<EvaluationApp> StartAsync(EvaluationApp app, bool withScenario = true)
    {
        _ = app.Server; // builds the host: migrations run here
        if (withScenario) app.Scenario = await Scenario.SeedAsync(app.Services);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", Provider == Provider.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Evaluation", ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        if (_databaseDown) builder.UseSetting("Database:MigrateOnStart", "false");
        if (_demoEnterprises is { } n) builder.UseSetting("Demo:Enterprises", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests sign in many times a minute from one address; the limit itself is tested with its own setting.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Security:PublicFormPostsPerHour", "100000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_settings.TryGetValue(CaptureLogs, out var capture) && capture == "true")
            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(_logs))
                .AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace)); // over appsettings' per-category levels
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
        });
    }

    /// <summary>A scope with the app's DbContext, for arranging and asserting.</summary>
    internal ScopedDb Db() => new(Services.CreateAsyncScope());

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public Task<HttpClient> AsEnterprise(string userName = Scenario.EnterpriseA) => SignedIn(userName);
    public Task<HttpClient> AsDepartment(string departmentId) => SignedIn("officer-" + departmentId);
    public Task<HttpClient> AsReviewer() => SignedIn(Scenario.Reviewer);
    public Task<HttpClient> AsAdmin() => SignedIn(Scenario.Admin);

    /// <summary>A department system: a client carrying a fresh API token issued to <paramref name="departmentId"/>.</summary>
    public async Task<HttpClient> AsApi(string departmentId)
    {
        var (token, hash) = Features.DepartmentData.Api.DepartmentToken.Generate();
        await using (var scope = Db())
        {
            scope.Context.Set<Features.DepartmentData.Api.DepartmentToken>().Add(new Features.DepartmentData.Api.DepartmentToken(
                Guid.NewGuid(), departmentId, "test", hash, "test", TestClock.Start.UtcDateTime));
            await scope.Context.Because("测试令牌 / test token").SaveChangesAsync();
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the real login form (antiforgery token, password check, cookie).</summary>
    public async Task<HttpClient> SignedIn(string userName, string password = Scenario.Password)
    {
        var client = Anonymous();
        var response = await client.PostFormAsync("/account/login",
            new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is null) return;
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) File.Delete(f);
    }
}

internal sealed class ScopedDb(AsyncServiceScope scope) : IAsyncDisposable
{
    public EvaluationDbContext Context { get; } = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();

    public IServiceProvider Services => scope.ServiceProvider;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Holds one app per test class; xunit disposes it after the class's last test.</summary>
public sealed class AppHolder : IAsyncLifetime
{
    private EvaluationApp? _app;

    public async Task<EvaluationApp> GetAsync(Func<Task<EvaluationApp>> start) => _app ??= await start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>Base for tests that run against the whole app; each provider gets a concrete subclass.</summary>
public abstract class AppTests(AppHolder holder) : IAsyncLifetime
{
    protected EvaluationApp App { get; private set; } = null!;

    protected Scenario S => App.Scenario;

    protected abstract Task<EvaluationApp> StartAsync();

    public async Task InitializeAsync() => App = await holder.GetAsync(StartAsync);

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The test server has no client address; a request may name one in <see cref="Header"/> (tests only), so that
/// per-address limits can be exercised from two "machines".
/// </summary>
internal sealed class TestClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return following(context);
        });
        next(app);
    };
}

/// <summary>Keeps every log message of an app (see <see cref="EvaluationApp.CaptureLogs"/>).</summary>
internal sealed class CapturingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, messages);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            messages.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
