using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>Creates accounts through UserManager so hashing, validation and the security stamp apply.</summary>
internal sealed class AccountService(UserManager<Account> users)
{
    public async Task<IdentityResult> CreateAsync(Account user, string password) => await users.CreateAsync(user, password);

    /// <summary>A password a person can type from a console line: 14 characters, mixed case and digits.</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[14];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 2; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[^1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        return new string(chars);
    }
}
