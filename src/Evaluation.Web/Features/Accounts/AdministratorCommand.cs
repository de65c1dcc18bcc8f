namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// <c>create-administrator &lt;user-name&gt; [display name]</c>: the one way a deployment without demo data (PostgreSQL,
/// Production) gets its first centre administrator. Run as the web app with the deployment's configuration; it
/// migrates the database, creates the account with a generated password printed once, and exits without serving.
/// Further administrators are created on /admin/accounts.
/// </summary>
internal static class AdministratorCommand
{
    public const string Name = "create-administrator";

    /// <summary>The exit code when <paramref name="args"/> ask for the command; null when the app should serve.</summary>
    public static async Task<int?> TryRunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name) return null;
        if (args.Length is < 2 or > 3)
        {
            await output.WriteLineAsync($"用法 / usage: {Name} <user-name> [\"display name\"]");
            return 2;
        }
        var userName = args[1].Trim();
        var displayName = (args.Length == 3 ? args[2] : "评价中心管理员").Trim();
        if (!AccountNames.IsValidUserName(userName))
        {
            await output.WriteLineAsync(AccountNames.UserNameRule);
            return 2;
        }
        var problem = displayName.Length == 0 ? "请填写姓名 / enter a display name" : Shared.FreeText.Problem(displayName, 100, "姓名 / display name");
        if (problem is not null)
        {
            await output.WriteLineAsync(problem);
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var password = AccountService.NewPassword();
        var result = await accounts.CreateAsync(
            Account.ForCentre(Guid.NewGuid(), userName, displayName, Role.Administrator, clock.GetUtcNow().UtcDateTime), password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await output.WriteLineAsync(e.Description);
            return 1;
        }
        // Printed, not logged: shown to the person at the console and stored nowhere.
        await output.WriteLineAsync($"已创建评价中心管理员 / administrator created: {userName}");
        await output.WriteLineAsync($"初始密码（只显示这一次，请登录后修改） / initial password (shown once; change it after signing in): {password}");
        return 0;
    }
}
