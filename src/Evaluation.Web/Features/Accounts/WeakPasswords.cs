using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Refuses passwords that meet the length and character rules but are guessed first: one that contains the user
/// name (or is contained in it), and one that is a common password once case and the digits around it are set
/// aside ("Password12", "Qwerty2018", "Ningbo123456").
/// </summary>
internal sealed class WeakPasswords : IPasswordValidator<Account>
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "passwd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwerasdf", "abc", "abcd", "abcdef",
        "abcdefg", "abcdefgh", "admin", "administrator", "welcome", "letmein", "iloveyou", "changeme", "secret", "test", "user",
        "login", "root", "ningbo", "zhejiang", "china", "hexie", "harmony", "woaini", "aa", "aaa", "qq",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var lower = password.ToLowerInvariant();
        var name = user.UserName.ToLowerInvariant();
        if (name.Length >= 3 && (lower.Contains(name, StringComparison.Ordinal) || name.Contains(lower, StringComparison.Ordinal)))
            return Failed("PasswordContainsUserName", "密码不能包含用户名 / the password must not contain the user name");
        var core = lower.Trim("0123456789!@#$%^&*.-_ ".ToCharArray());
        if (core.Length == 0 || Common.Contains(core) || IsRun(core))
            return Failed("PasswordCommon", "密码过于常见，容易被猜中 / the password is too common and easily guessed");
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>One character repeated, or a straight run of letters ("abcdefg", "gfedcba").</summary>
    private static bool IsRun(string text) =>
        text.Distinct().Count() == 1
        || Enumerable.Range(1, text.Length - 1).All(i => text[i] - text[i - 1] == 1)
        || Enumerable.Range(1, text.Length - 1).All(i => text[i] - text[i - 1] == -1);

    private static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
