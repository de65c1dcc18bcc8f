using System.Security.Cryptography;
using System.Text;
using Evaluation.Web.Features.Departments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// A bearer token a department's own system uses on /api/v1. Only its SHA-256 is stored: the token is
/// shown once when issued, and a leaked database does not hand out working tokens.
/// </summary>
internal sealed class DepartmentToken : IAudited
{
    private DepartmentToken() { }

    public DepartmentToken(Guid id, string departmentId, string name, string hash, string issuedBy, DateTime issuedAt) =>
        (Id, DepartmentId, Name, Hash, IssuedBy, IssuedAt) = (id, departmentId, name, hash, issuedBy, issuedAt);

    public Guid Id { get; private set; }
    public string DepartmentId { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token; a token is random enough that no salt is needed.</summary>
    [NotAudited] public string Hash { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public DateTime IssuedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>A new random token and its hash: the token goes to the department, the hash to the database.</summary>
    public static (string Token, string Hash) Generate()
    {
        var token = "ndt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>
/// A department API request already answered, by its Idempotency-Key: a retry gets the same answer and
/// never applies the batch twice.
/// </summary>
internal sealed class IdempotentRequest
{
    private IdempotentRequest() { }

    public IdempotentRequest(string departmentId, string key, string requestHash, int status, string response, DateTime at) =>
        (DepartmentId, Key, RequestHash, Status, Response, At) = (departmentId, key, requestHash, status, response, at);

    public string DepartmentId { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    /// <summary>The HTTP status answered; 0 while the first request is still being processed.</summary>
    public int Status { get; private set; }
    public string Response { get; private set; } = "";
    public DateTime At { get; private set; }

    public bool InProgress => Status == 0;

    public void Complete(int status, string response) => (Status, Response) = (status, response);
}

internal sealed class DepartmentTokenModel : IEntityTypeConfiguration<DepartmentToken>
{
    public void Configure(EntityTypeBuilder<DepartmentToken> e)
    {
        e.ToTable("DepartmentTokens");
        e.Ignore(x => x.IsActive);
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.IssuedBy).HasMaxLength(64);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.Hash).IsUnique();
    }
}

internal sealed class IdempotentRequestModel : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> e)
    {
        e.ToTable("IdempotentRequests");
        e.Ignore(x => x.InProgress);
        e.HasKey(x => new { x.DepartmentId, x.Key });
        e.Property(x => x.DepartmentId).HasMaxLength(16);
        e.Property(x => x.Key).HasMaxLength(100);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
