using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Evaluation.Web.Persistence;

/// <summary>Where the <c>DataProtection</c> section points: the certificate that encrypts the key ring at rest.</summary>
internal sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx/.p12) file with its private key, or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 file's password (put it in an environment variable or a secret store, not appsettings).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Certificates that encrypted keys before a rotation, as PKCS#12 files (same password) or PEM pairs "cert.pem|key.pem": they only decrypt.</summary>
    public string[] PreviousCertificatePaths { get; set; } = [];
}

/// <summary>
/// The data-protection key ring (auth cookies, antiforgery tokens; no stored data) in the
/// database through the framework's EF Core store, so every instance behind the load balancer shares it, and
/// encrypted at rest with an X.509 certificate when <c>DataProtection:CertificatePath</c> is set.
/// </summary>
internal static class DataProtectionSetup
{
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        var builder = services.AddDataProtection().SetApplicationName("Evaluation.Web").PersistKeysToDbContext<EvaluationDbContext>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath)) return services;
        builder.ProtectKeysWithCertificate(Load(options.CertificatePath, options.KeyPath, options.CertificatePassword));
        if (options.PreviousCertificatePaths.Length > 0)
            builder.UnprotectKeysWithAnyCertificate([.. options.PreviousCertificatePaths.Select(p =>
                p.Split('|') is [var cert, var key] ? Load(cert, key, null) : Load(p, null, options.CertificatePassword))]);
        return services;
    }

    /// <summary>Loads a certificate that can decrypt (it has its RSA private key), or says plainly which file is wrong.</summary>
    internal static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"DataProtection:CertificatePath: no file at {path}.");
        X509Certificate2 certificate;
        try
        {
            certificate = string.IsNullOrWhiteSpace(keyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
                : X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection: the certificate {path} cannot be read ({e.Message}); " +
                                                "a PKCS#12 file needs DataProtection:CertificatePassword, a PEM certificate DataProtection:KeyPath.", e);
        }
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
            throw new InvalidOperationException($"DataProtection: the certificate {path} has no RSA private key; the key ring could not be decrypted with it.");
        return certificate;
    }
}
