using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>Identity's messages in Chinese with English beside, as every other message of the platform.</summary>
internal sealed class AccountErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确 / the current password is wrong" };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 位 / the password needs at least {length} characters" };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = "密码须含数字 / the password needs a digit" };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = "密码须含小写字母 / the password needs a lower-case letter" };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = "密码须含大写字母 / the password needs an upper-case letter" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少含 {uniqueChars} 个不同字符 / the password needs {uniqueChars} different characters" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "该用户名不可用，请另选一个 / this user name cannot be used; choose another" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = AccountNames.UserNameRule };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "链接已失效 / the link is no longer valid" };
}

/// <summary>Whether an account may sign in at all: not when the administrator disabled it.</summary>
internal sealed class AccountConfirmation : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(!user.Disabled);
}
