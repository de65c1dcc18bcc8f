using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins counted per user name *and* client address: five within 15 minutes stop that name from that
/// address for the rest of the window. A stranger elsewhere can use up only their own address's tries, so an
/// officer signing in from their own machine is never kept out; spraying many names from one address meets the
/// per-address rate limit first. The name is counted whether or not an account has it, so a locked name says
/// nothing about whether it exists. Rows are kept in the database so every instance counts the same failures.
/// </summary>
internal sealed class SignInThrottle(EvaluationDbContext db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The key of a name and an address: a hash, so the table holds neither typed names nor addresses.</summary>
    public static string KeyOf(string normalizedUserName, string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedUserName + "\n" + address)));

    public async Task<int> RecentFailuresAsync(string key, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - Window;
        return await db.Set<SignInFailure>().CountAsync(f => f.Key == key && f.At > since, cancellationToken);
    }

    /// <summary>Counts one failure and forgets failures older than the window (of every key).</summary>
    public async Task RecordFailureAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - Window;
        await db.Set<SignInFailure>().Where(f => f.At <= before).ExecuteDeleteAsync(cancellationToken);
        db.Set<SignInFailure>().Add(new SignInFailure(Guid.NewGuid(), key, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        db.Set<SignInFailure>().Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>One failed sign-in of a name from an address (hashed together into <see cref="Key"/>).</summary>
internal sealed class SignInFailure
{
    private SignInFailure() { }

    public SignInFailure(Guid id, string key, DateTime at) => (Id, Key, At) = (id, key, at);

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public DateTime At { get; private set; }
}

internal sealed class SignInFailureModel : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> e)
    {
        e.ToTable("SignInFailures");
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => new { x.Key, x.At });
        e.HasIndex(x => x.At);
    }
}
