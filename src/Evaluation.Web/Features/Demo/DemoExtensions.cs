using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Demo;

internal static class DemoExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(o => o.Enterprises is >= 4 and <= 100_000, "Demo:Enterprises must be between 4 and 100000.")
            .ValidateOnStart();
        services.AddScoped<DemoSeeder>();
        return services;
    }

    /// <summary>
    /// Seeds the demo on first run of the embedded default only: never in Production, never on a
    /// configured database (a real PostgreSQL must not receive synthetic enterprises).
    /// </summary>
    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var db = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!ShouldSeed(demo, db, app.Configuration.GetConnectionString("Evaluation"), app.Environment)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var accounts = await seeder.SeedAsync(app.Lifetime.ApplicationStopping);
        if (accounts.Count > 0) PrintOnce(accounts);
    }

    internal static bool ShouldSeed(DemoOptions demo, DatabaseOptions db, string? connectionString, IHostEnvironment env) =>
        demo.Seed && db.IsSqlite && string.IsNullOrWhiteSpace(connectionString) && !env.IsProduction();

    private static void PrintOnce(IReadOnlyList<DemoAccount> accounts)
    {
        // Printed, not logged: the passwords are shown to the person who started the demo and stored nowhere.
        Console.WriteLine("──── 演示账号 Demo accounts (shown once) ────");
        foreach (var a in accounts) Console.WriteLine($"  {a.Role,-14} {a.UserName,-12} {a.Password}   {a.Note}");
        Console.WriteLine("─────────────────────────────────────────────");
    }
}

internal sealed record DemoAccount(string Role, string UserName, string Password, string Note);
