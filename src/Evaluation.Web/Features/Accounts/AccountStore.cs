using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// The Identity store over our DbContext: UserManager and SignInManager (hashing, security stamp, tokens) over our
/// own Account table, one role per account (docs/decisions/0025-accounts-on-identity-core.md). Roles change through
/// <see cref="Account.ChangeRole"/> on the administrator's desk, never through Identity's role calls.
/// </summary>
internal sealed class AccountStore(EvaluationDbContext db) :
    IUserPasswordStore<Account>, IUserSecurityStampStore<Account>, IUserLockoutStore<Account>, IUserRoleStore<Account>
{
    public async Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken)
    {
        db.Accounts.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken)
    {
        if (db.Entry(user).State == EntityState.Detached) db.Accounts.Update(user);
        await db.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(Account user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Accounts are locked out, never deleted: the audit log refers to them.");

    public Task<Account?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id)
            ? db.Accounts.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<Account?>(null);

    public Task<Account?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.Accounts.SingleOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);

    public Task<string> GetUserIdAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);
    public Task<string?> GetNormalizedUserNameAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetUserNameAsync(Account user, string? userName, CancellationToken cancellationToken) =>
        Set(() => user.UserName = userName ?? "");

    public Task SetNormalizedUserNameAsync(Account user, string? normalizedName, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedUserName = normalizedName ?? "");

    public Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken) =>
        Set(() => user.PasswordHash = passwordHash);

    public Task<string?> GetPasswordHashAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken) =>
        Set(() => user.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEndUtc is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : (DateTimeOffset?)null);

    public Task SetLockoutEndDateAsync(Account user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) =>
        Set(() => user.LockoutEndUtc = lockoutEnd?.UtcDateTime);

    public Task<int> IncrementAccessFailedCountAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Set(() => user.AccessFailedCount = 0);
    public Task<int> GetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken) =>
        Set(() => user.LockoutEnabled = enabled);

    public Task<IList<string>> GetRolesAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>([user.Role.ToString()]);

    public Task<bool> IsInRoleAsync(Account user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(user.Role.ToString(), roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<Account>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Enum.TryParse<Role>(roleName, ignoreCase: true, out var role)
            ? await db.Accounts.Where(u => u.Role == role).ToListAsync(cancellationToken)
            : [];

    public Task AddToRoleAsync(Account user, string roleName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A user's role is fixed when the account is created.");

    public Task RemoveFromRoleAsync(Account user, string roleName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A user's role is fixed when the account is created.");

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    public void Dispose() { }
}
