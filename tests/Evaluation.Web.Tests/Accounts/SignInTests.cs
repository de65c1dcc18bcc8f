using System.Text.RegularExpressions;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Tests.Hostile;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;

namespace Evaluation.Web.Tests.Accounts;

/// <summary>
/// Issue 15 items 5 and 6: sign-in tells nobody which names exist (one message, one password-hash verification for
/// every failure), a stranger's failures hold a name back from the stranger's address only, registration says
/// nothing of which codes exist and binds nothing until the centre confirms, and weak passwords are refused.
/// </summary>
public abstract partial class SignInTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task EveryKindOfFailure_SaysTheSameThing_AndCostsOnePasswordVerification()
    {
        var hasher = new CountingHasher();
        var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<Account>>(hasher)));
        var disabled = await AccountSession.NewAccountAsync(App, Role.Reviewer);
        await using (var scope = App.Db())
        {
            (await scope.Context.Accounts.SingleAsync(a => a.UserName == disabled)).Disable();
            await scope.Context.SaveChangesAsync();
        }
        var held = await AccountSession.NewAccountAsync(App, Role.Reviewer);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++) await AttemptAsync(app.CreateClient(), held, "wrong-password", "10.9.0.1");

        var answers = new Dictionary<string, (string Message, int Verifications)>();
        foreach (var (what, name, password) in new[]
        {
            ("unknown name", "nobody-" + Guid.NewGuid().ToString("N")[..8], Scenario.Password),
            ("wrong password", Scenario.Reviewer, "wrong-password"),
            ("disabled account, right password", disabled, Scenario.Password),
            ("held name, right password", held, Scenario.Password),
            ("a name no account can have", "名字 with spaces", "x"),
        })
        {
            var before = hasher.Verifications;
            var response = await AttemptAsync(app.CreateClient(), name, password, "10.9.0.1");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, what);
            answers[what] = (Errors(await response.Content.ReadAsStringAsync()), hasher.Verifications - before);
        }

        answers.Values.Select(a => a.Message).Distinct().ShouldHaveSingleItem("one message for every failure: " + string.Join(" | ", answers));
        answers.Values.First().Message.ShouldContain("用户名或密码错误");
        answers.Values.First().Message.ShouldNotContain("锁定");
        answers.ShouldAllBe(a => a.Value.Verifications == 1, "the same hashing work for each: " + string.Join(", ", answers.Select(a => $"{a.Key}={a.Value.Verifications}")));
    }

    [Fact]
    public async Task FiveFailuresFromOneAddress_HoldTheNameThere_ButTheOwnerSignsInFromElsewhere()
    {
        var name = await AccountSession.NewAccountAsync(App, Role.Administrator);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            (await AttemptAsync(App.Anonymous(), name, "guess-" + i, "10.1.1.1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AttemptAsync(App.Anonymous(), name, Scenario.Password, "10.1.1.1")).StatusCode.ShouldBe(HttpStatusCode.OK, "held at the stranger's address");
        (await AttemptAsync(App.Anonymous(), name, Scenario.Password, "10.2.2.2")).StatusCode.ShouldBe(HttpStatusCode.Redirect,
            "the officer's own machine is not kept out by a stranger's failures");

        App.Clock.Advance(SignInThrottle.Window + TimeSpan.FromSeconds(1));
        (await AttemptAsync(App.Anonymous(), name, Scenario.Password, "10.1.1.1")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the hold lapses");
        await using var scope = App.Db();
        var actions = await scope.Context.AuditEntries.Where(e => e.EntityType == "Account" && e.Changes.Contains(name)).Select(e => e.Action).ToListAsync();
        actions.ShouldContain("SignInFailed");
        actions.ShouldContain("SignInLocked");
        actions.ShouldContain("SignInHeld");
        actions.Count(a => a == "SignedIn").ShouldBe(2);
    }

    [Fact]
    public async Task Registration_OfACodeOnFile_AndOfANewCode_AnswerAlike_AndTheCentreConfirmsTheBinding()
    {
        var onFile = await RegisterAsync(Scenario.CreditCodeB, "claims-b-" + Suffix());
        var rival = await RegisterAsync(Scenario.CreditCodeB, "rival-b-" + Suffix());
        var newCode = await RegisterAsync(Corpus.NewCode(), "new-code-" + Suffix());
        onFile.Response.StatusCode.ShouldBe(newCode.Response.StatusCode);
        onFile.Response.Headers.Location.ShouldBe(newCode.Response.Headers.Location);
        (await onFile.Session.Client.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "nothing of B's before the centre confirms");

        var reviewer = await App.AsReviewer();
        var desk = System.Net.WebUtility.HtmlDecode(await reviewer.GetStringAsync("/centre/registrations"));
        desk.ShouldContain(onFile.UserName);
        desk.ShouldContain("另有 1 个注册申请认领该代码");
        var id = await RegistrationIdAsync(onFile.UserName);
        (await reviewer.PostFormAsync($"/centre/registrations?handler=Confirm&id={id}", [], "/centre/registrations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.PostFormAsync($"/centre/registrations?handler=Reject&id={await RegistrationIdAsync(rival.UserName)}",
            new() { ["reason"] = "法定代表人否认 / denied by the legal representative" }, "/centre/registrations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await onFile.Session.Client.GetAsync("/account/registration")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "confirmation ends the session: sign in again");
        var bound = await App.SignedIn(onFile.UserName, Password);
        (await bound.GetAsync("/enterprise")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rejected = await App.SignedIn(rival.UserName, Password);
        (await rejected.GetStringAsync("/account/registration")).ShouldContain("法定代表人否认");
        await using var scope = App.Db();
        (await scope.Context.Accounts.SingleAsync(a => a.UserName == onFile.UserName)).EnterpriseId.ShouldBe(S.EnterpriseBId, "bound to the enterprise on file");
        (await scope.Context.Accounts.SingleAsync(a => a.UserName == rival.UserName)).EnterpriseId.ShouldBeNull();
    }

    [Theory]
    [InlineData("Password12", "Password12", "密码不能包含用户名")]
    [InlineData("weak-pw-user", "Password12", "密码过于常见")]
    [InlineData("weak-pw-user2", "Qwerty2018", "密码过于常见")]
    [InlineData("weak-pw-user3", "Aaaaaaaaaa1", "不同字符")]
    public async Task Registration_RefusesWeakPasswords(string userName, string password, string message)
    {
        var fields = Registration(Corpus.NewCode(), userName + Suffix()[..2]);
        if (userName == password) fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;

        var response = await App.Anonymous().PostFormAsync("/account/register", fields, "/account/register");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task Registration_AndPublicObjections_AreLimitedPerAddress()
    {
        await using var app = await EvaluationApp.StartSqliteAsync(settings: new Dictionary<string, string> { ["Security:PublicFormPostsPerHour"] = "2" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var client = app.Anonymous();
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.3.3.3");
            statuses.Add((await client.PostFormAsync("/account/register", Registration(Corpus.NewCode(), "limited-" + Suffix()), "/account/register")).StatusCode);
        }
        statuses.ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests]);
        var other = app.Anonymous();
        other.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.3.3.3");
        (await other.PostFormAsync("/notice?handler=Object", new() { ["creditCode"] = Scenario.CreditCodeA }, "/notice")).StatusCode
            .ShouldBe(HttpStatusCode.TooManyRequests, "one budget for the anonymous forms");
        (await other.GetAsync("/notice")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading is not limited");
    }

    private static async Task<HttpResponseMessage> AttemptAsync(HttpClient client, string userName, string password, string address)
    {
        client.DefaultRequestHeaders.Remove(TestClientAddress.Header);
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return await client.PostFormAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = password }, "/account/login");
    }

    private async Task<(HttpResponseMessage Response, AccountSession Session, string UserName)> RegisterAsync(string code, string userName)
    {
        var session = await AccountSession.AnonymousAsync(App);
        var response = await session.Client.PostFormAsync("/account/register", Registration(code, userName), "/account/register");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (response, session, userName);
    }

    private async Task<Guid> RegistrationIdAsync(string userName)
    {
        await using var scope = App.Db();
        var account = await scope.Context.Accounts.SingleAsync(a => a.UserName == userName);
        return await scope.Context.Set<EnterpriseRegistration>().Where(r => r.AccountId == account.Id).Select(r => r.Id).SingleAsync();
    }

    private static Dictionary<string, string> Registration(string creditCode, string userName) => new()
    {
        ["Input.CreditCode"] = creditCode, ["Input.Name"] = "宁波注册测试有限公司", ["Input.District"] = "Beilun",
        ["Input.IndustryCode"] = "C3525", ["Input.SizeClass"] = "Small", ["Input.UserName"] = userName, ["Input.Password"] = Password,
    };

    private const string Password = "Registered-2018x";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>The page's error summary, as text.</summary>
    private static string Errors(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(ErrorSummary().Match(html).Value, "<[^>]+>", " ")).Trim();

    [GeneratedRegex("""<div class="errors[^"]*"[^>]*>.*?</div>""", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    /// <summary>Identity's hasher, counting the verifications it does.</summary>
    private sealed class CountingHasher : PasswordHasher<Account>
    {
        private int _verifications;

        public int Verifications => _verifications;

        public override PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SignInTestsOnSqlite(AppHolder holder) : SignInTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class SignInTestsOnPostgres(PostgresServer server, AppHolder holder) : SignInTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}
