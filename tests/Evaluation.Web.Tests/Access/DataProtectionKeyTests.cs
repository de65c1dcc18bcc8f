using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Evaluation.Web.Tests.Access;

/// <summary>
/// The key ring in the framework's EF Core store: encrypted at rest with the configured certificate, read back
/// by a restarted app (a sign-in cookie stays valid), and carried across the migration that moved it from the
/// platform's own table (down to the old table and up again, the keys' XML unchanged).
/// </summary>
public abstract class DataProtectionKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-keys-").FullName;

    protected abstract Task<EvaluationApp> StartAsync(IReadOnlyDictionary<string, string> settings);

    [Fact]
    public async Task WithACertificate_TheStoredKeysAreEncrypted_AndACookieSurvivesARestart()
    {
        var settings = Settings();
        var app = await StartAsync(settings);
        try
        {
            var cookies = new CookieContainer();
            await SignInAsync(app, cookies);

            await using (var scope = app.Db())
            {
                var xml = await scope.Context.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
                xml.ShouldNotBeEmpty();
                xml.ShouldAllBe(x => x.Contains("<encryptedSecret", StringComparison.Ordinal) && x.Contains("<EncryptedData", StringComparison.Ordinal));
                xml.ShouldAllBe(x => !x.Contains("<value>", StringComparison.Ordinal)); // the master key's plain form
            }

            app = await app.RestartAsync();
            (await Client(app, cookies).GetAsync("/review")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally { await app.DisposeAsync(); }
    }

    [Fact]
    public async Task WithoutACertificate_KeysArePlain_AndSurviveTheMigrationDownAndUp()
    {
        var app = await StartAsync(new Dictionary<string, string>());
        try
        {
            var cookies = new CookieContainer();
            await SignInAsync(app, cookies);
            List<string> before;
            await using (var scope = app.Db())
            {
                before = await scope.Context.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
                before.ShouldNotBeEmpty();
                before.ShouldAllBe(x => x.Contains("<value>", StringComparison.Ordinal));
                var migrations = scope.Context.Database.GetMigrations().ToList();
                var index = migrations.IndexOf("20261204030000_FrameworkDataProtectionKeys");
                index.ShouldBeGreaterThan(0);
                var migrator = scope.Context.GetService<IMigrator>();
                await migrator.MigrateAsync(migrations[index - 1]); // the platform's own table again, keys copied back
                await migrator.MigrateAsync();
                (await scope.Context.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()).ShouldBe(before, ignoreOrder: true);
            }

            app = await app.RestartAsync();
            (await Client(app, cookies).GetAsync("/review")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally { await app.DisposeAsync(); }
    }

    [Fact]
    public async Task ACertificateWithoutItsPrivateKey_StopsTheStartWithAMessage()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=evaluation-test-public-only", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "public.cer");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Cert));

        Exception? error = null;
        try { await (await StartAsync(new Dictionary<string, string> { ["DataProtection:CertificatePath"] = path })).DisposeAsync(); }
        catch (Exception e) { error = e; }

        error.ShouldNotBeNull();
        Flatten(error).ShouldContain(e => e.Message.Contains("DataProtection", StringComparison.Ordinal) && e.Message.Contains(path, StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten).Prepend(e) : e.InnerException is { } inner ? Flatten(inner).Prepend(e) : [e];

    /// <summary>The two forms the setting takes: PKCS#12 with a password (PostgreSQL run), PEM certificate and key (SQLite run).</summary>
    protected abstract bool Pem { get; }

    private Dictionary<string, string> Settings()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=evaluation-test-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        if (Pem)
        {
            File.WriteAllText(Path.Combine(_folder, "ring.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_folder, "ring.key"), rsa.ExportPkcs8PrivateKeyPem());
            return new() { ["DataProtection:CertificatePath"] = Path.Combine(_folder, "ring.pem"), ["DataProtection:KeyPath"] = Path.Combine(_folder, "ring.key") };
        }
        File.WriteAllBytes(Path.Combine(_folder, "ring.pfx"), certificate.Export(X509ContentType.Pfx, "s3cret-pfx"));
        return new() { ["DataProtection:CertificatePath"] = Path.Combine(_folder, "ring.pfx"), ["DataProtection:CertificatePassword"] = "s3cret-pfx" };
    }

    private static HttpClient Client(EvaluationApp app, CookieContainer cookies)
    {
        var client = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        return client;
    }

    private static async Task SignInAsync(EvaluationApp app, CookieContainer cookies)
    {
        var client = Client(app, cookies);
        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = Scenario.Reviewer, ["Password"] = Scenario.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/review")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DataProtectionKeyTestsOnPostgres(PostgresServer server) : DataProtectionKeyTests
{
    protected override bool Pem => false;

    protected override Task<EvaluationApp> StartAsync(IReadOnlyDictionary<string, string> settings) =>
        EvaluationApp.StartPostgresAsync(server, settings);
}

public sealed class DataProtectionKeyTestsOnSqlite : DataProtectionKeyTests
{
    protected override bool Pem => true;

    protected override Task<EvaluationApp> StartAsync(IReadOnlyDictionary<string, string> settings) =>
        EvaluationApp.StartSqliteAsync(settings: settings);
}
