using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Tests.DepartmentData;
using Evaluation.Web.Tests.SelfAssessment;

namespace Evaluation.Web.Tests.Hostile;

/// <summary>
/// The hostile and broken input corpus (issue 9, item 2): one data-driven theory per channel, each case a
/// line of <c>corpus/cases.json</c>. Every refused case must answer the expected 4xx (or a page naming the
/// field, row or column), never 500, and leave facts, audit entries, evidence, accounts, enterprises and
/// objections exactly as they were. An accepted case (a script or SQL fragment as text) must be stored
/// verbatim and shown escaped.
/// </summary>
public abstract partial class HostileInputTests(AppHolder holder) : AppTests(holder)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>Sends one case on its channel.</summary>
    protected Task RunAsync(HostileCase c) => c.Channel switch
    {
        "upload" => Upload(c),
        "entry" => DepartmentEntry(c),
        "api-facts" => FactsApi(c),
        "api-events" => EventsApi(c),
        "register" => Register(c),
        "login" => Login(c),
        "self-assessment" => SelfAssessment(c),
        "evidence" => EvidenceUpload(c),
        "objection" => Objection(c),
        "notice" => PublicObjection(c),
        "supervision-event" => SupervisionForm(c, "Event", "safety", new()
        {
            ["Event.Type"] = "fatal_or_general_accidents", ["Event.OccurredOn"] = Today.AddDays(-5).ToString("yyyy-MM-dd"), ["Event.Note"] = "事故调查",
        }),
        "supervision-class" => SupervisionForm(c, "Class", "safety", new()
        {
            ["Class.Class"] = "B", ["Class.EffectiveOn"] = Today.ToString("yyyy-MM-dd"), ["Class.Note"] = "年度评价",
        }),
        "review-return" => ReviewReturn(c),
        "admin-account" => AdminAccount(c),
        _ => throw new InvalidOperationException($"{c.Id}: unknown channel {c.Channel}"),
    };

    private async Task Upload(HostileCase c)
    {
        var safety = await App.AsDepartment("safety");
        await ExpectAsync(c, safety, async () =>
        {
            var (response, html) = await safety.PreviewAsync(Corpus.Bytes(c), Corpus.FileName(c));
            if (!c.Stores)
            {
                html.ShouldNotContain("name=\"upload\"", customMessage: $"{c.Id}: a refused file offers no commit");
                return response;
            }
            AssertResponse(c, response, html);
            var commit = await safety.CommitAsync(html);
            commit.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{c.Id}: commit");
            return response;
        });
    }

    private async Task DepartmentEntry(HostileCase c)
    {
        var safety = await App.AsDepartment("safety");
        var url = $"/department/data/enterprises/{S.EnterpriseBId}";
        await ExpectAsync(c, safety, () => safety.PostFormAsync(url, Corpus.Fields(c), url));
    }

    private async Task FactsApi(HostileCase c)
    {
        var api = await App.AsApi("hrss");
        await ExpectAsync(c, api, () => api.PostAsync("/api/v1/facts", new StringContent(Corpus.Json(c), Encoding.UTF8, "application/json")));
    }

    private async Task EventsApi(HostileCase c)
    {
        var api = await App.AsApi("safety");
        await ExpectAsync(c, api, () => api.PostAsync("/api/v1/events", new StringContent(Corpus.Json(c), Encoding.UTF8, "application/json")));
    }

    private async Task Register(HostileCase c)
    {
        var client = App.Anonymous();
        var fields = new Dictionary<string, string>
        {
            ["Input.CreditCode"] = Corpus.Expand("{NEWCODE}"), ["Input.Name"] = "宁波恶意输入测试有限公司", ["Input.District"] = "Haishu",
            ["Input.IndustryCode"] = "C1711", ["Input.SizeClass"] = "Small", ["Input.UserName"] = Corpus.Expand("{NEWUSER}"),
            ["Input.Password"] = Scenario.Password,
        };
        foreach (var (k, v) in Corpus.Fields(c)) fields["Input." + k] = v;
        await ExpectAsync(c, client, () => client.PostFormAsync("/account/register", fields, "/account/register"));
    }

    private async Task Login(HostileCase c)
    {
        var client = App.Anonymous();
        await ExpectAsync(c, client, () => client.PostFormAsync("/account/login", Corpus.Fields(c), "/account/login"));
    }

    private async Task SelfAssessment(HostileCase c)
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        await ExpectAsync(c, client, () => client.PostFormAsync(e.FormUrl, Corpus.Fields(c), e.FormUrl), e.FormUrl);
    }

    private async Task EvidenceUpload(HostileCase c)
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        await ExpectAsync(c, client, async () =>
        {
            var html = await client.GetStringAsync(e.FormUrl);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(TokenField().Match(html).Groups[1].Value), "__RequestVerificationToken" },
                { new StringContent("L1"), "indicatorId" },
                { new ByteArrayContent(Corpus.Bytes(c)), "file", Corpus.FileName(c) },
            };
            return await client.PostAsync(e.FormUrl + "?handler=Upload", form);
        }, e.FormUrl);
    }

    private async Task Objection(HostileCase c)
    {
        var e = await NewEnterprise.CreateAsync(App);
        await using (var db = App.Db())
        {
            var application = await db.Context.Applications.SingleAsync(a => a.Id == e.ApplicationId);
            var now = TestClock.Start.UtcDateTime;
            application.Submit(now);
            application.StartReview();
            application.Accept(now);
            application.RecordScore();
            application.OpenPublicNotice();
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var client = await App.SignedIn(e.UserName);
        var page = $"/enterprise/applications/{e.ApplicationId}";
        await ExpectAsync(c, client, async () =>
        {
            var html = await client.GetStringAsync(page);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(TokenField().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            };
            foreach (var (k, v) in Corpus.Fields(c)) form.Add(new StringContent(v), k);
            if (c.File is not null || c.Generate is not null) form.Add(new ByteArrayContent(Corpus.Bytes(c)), "file", Corpus.FileName(c));
            return await client.PostAsync(page + "?handler=Object", form);
        }, page);
    }

    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);

    /// <summary>The public /notice form (multipart, anonymous) for an enterprise on notice today; {CODE} is its credit code.</summary>
    private async Task PublicObjection(HostileCase c)
    {
        var e = await NewEnterprise.CreateAsync(App);
        await using (var db = App.Db())
        {
            var application = await db.Context.Applications.SingleAsync(a => a.Id == e.ApplicationId);
            var now = TestClock.Start.UtcDateTime;
            application.Submit(now);
            application.StartReview();
            application.Accept(now);
            application.RecordScore();
            application.OpenPublicNotice();
            if (!await db.Context.PublicNotices.AnyAsync(n => n.CampaignId == S.CampaignId))
                db.Context.PublicNotices.Add(new Web.Features.Publication.PublicNotice(Guid.NewGuid(), S.CampaignId, Today.AddDays(-1), Today.AddDays(6),
                    1, "test", now));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var client = App.Anonymous();
        var fields = new Dictionary<string, string> { ["creditCode"] = e.CreditCode, ["name"] = "市民张先生", ["reason"] = "拟定等级偏高" };
        foreach (var (k, v) in Corpus.Fields(c)) fields[k] = v.Replace("{CODE}", e.CreditCode, StringComparison.Ordinal);
        await ExpectAsync(c, client, async () =>
        {
            var html = await client.GetStringAsync("/notice");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(TokenField().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            };
            foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
            return await client.PostAsync("/notice?handler=Object", form);
        });
    }

    /// <summary>A supervision form of <paramref name="department"/> for enterprise B: the case's fields over <paramref name="defaults"/>.</summary>
    private async Task SupervisionForm(HostileCase c, string handler, string department, Dictionary<string, string> defaults)
    {
        var officer = await App.AsDepartment(department);
        var url = $"/department/supervision/enterprises/{S.EnterpriseBId}";
        foreach (var (k, v) in Corpus.Fields(c)) defaults[k] = v;
        await ExpectAsync(c, officer, () => officer.PostFormAsync($"{url}?handler={handler}", defaults, url));
    }

    /// <summary>The review desk's "return" with the case's reason, on an application in review.</summary>
    private async Task ReviewReturn(HostileCase c)
    {
        var application = await Centre.CentreCase.CreateAsync(App, Web.Features.Campaigns.ApplicationStatus.InReview);
        var reviewer = await App.AsReviewer();
        var url = $"/review/applications/{application.ApplicationId}";
        var fields = Corpus.Fields(c);
        fields["version"] = VersionField().Match(await reviewer.GetStringAsync(url)).Groups[1].Value;
        await ExpectAsync(c, reviewer, () => reviewer.PostFormAsync($"{url}?handler=Return", fields, url));
    }

    /// <summary>The administrator's new-account form: the case's fields over a valid reviewer account.</summary>
    private async Task AdminAccount(HostileCase c)
    {
        var admin = await App.AsAdmin();
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = Corpus.Expand("{NEWUSER}"), ["Input.DisplayName"] = "新评审员", ["Input.Role"] = "Reviewer",
        };
        foreach (var (k, v) in Corpus.Fields(c)) fields["Input." + k] = v;
        await ExpectAsync(c, admin, () => admin.PostFormAsync("/admin/accounts", fields, "/admin/accounts"));
    }

    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    /// <summary>Sends the case, checks the answer, and checks what was stored: nothing, or the value verbatim.</summary>
    private async Task ExpectAsync(HostileCase c, HttpClient client, Func<Task<HttpResponseMessage>> send, string? page = null)
    {
        var before = await CountsAsync();
        var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        AssertResponse(c, response, body);
        var after = await CountsAsync();
        if (!c.Stores)
        {
            after.ShouldBe(before, $"{c.Id}: a refused input must store nothing (facts, audit, evidence, accounts, enterprises, objections)");
            return;
        }
        after.ShouldNotBe(before, $"{c.Id}: an accepted input is stored");
        if (c.Verbatim is { } verbatim) (await StoredVerbatimAsync(Corpus.Expand(verbatim))).ShouldBeTrue($"{c.Id}: stored exactly as sent");
        if ((c.Page ?? page) is { } shows)
        {
            var html = await client.GetStringAsync(shows);
            foreach (var a in c.Absent) html.ShouldNotContain(a, Case.Sensitive, $"{c.Id}: {shows} must not contain {a} raw");
            foreach (var s in c.Shows) html.ShouldContain(s, Case.Sensitive, $"{c.Id}: {shows}");
        }
    }

    private static void AssertResponse(HostileCase c, HttpResponseMessage response, string body)
    {
        ((int)response.StatusCode).ShouldBe(c.Status, $"{c.Id}: {Excerpt(body)}");
        var text = WebUtility.HtmlDecode(body);
        foreach (var fragment in c.Contains)
            text.ShouldContain(fragment, Case.Sensitive, $"{c.Id}: the answer should say {fragment}; it was {Excerpt(body)}");
        foreach (var a in c.Absent) body.ShouldNotContain(a, Case.Sensitive, $"{c.Id}: the answer must not echo {a} raw");
    }

    /// <summary>The page's main content as text (or the API's body), for a failure message that shows what was said.</summary>
    private static string Excerpt(string body)
    {
        var main = Regex.Match(body, "<main.*?</main>", RegexOptions.Singleline);
        var text = main.Success ? Regex.Replace(Regex.Replace(main.Value, "<[^>]+>", " "), @"\s+", " ") : body;
        text = WebUtility.HtmlDecode(text);
        return text.Length > 1200 ? text[..1200] : text;
    }

    private async Task<(int Facts, int Audit, int Evidence, int Accounts, int Enterprises, int Objections)> CountsAsync()
    {
        await using var scope = App.Db();
        var db = scope.Context;
        // A refused sign-in is audited by design (issue 15): those lines are not a refused input being stored.
        return (await db.Facts.CountAsync(), await db.AuditEntries.CountAsync(a => !a.Action.StartsWith("SignIn")), await db.EvidenceFiles.CountAsync(),
            await db.Accounts.CountAsync(), await db.Enterprises.CountAsync(), await db.Objections.CountAsync());
    }

    private async Task<bool> StoredVerbatimAsync(string value)
    {
        await using var scope = App.Db();
        var db = scope.Context;
        return await db.Facts.AnyAsync(f => f.ValueText == value || f.VerificationNote == value)
            || await db.Enterprises.AnyAsync(e => e.Name == value || e.Park == value)
            || await db.Set<Web.Features.Accounts.EnterpriseRegistration>().AnyAsync(e => e.Name == value || e.Park == value)
            || await db.Objections.AnyAsync(o => o.Text == value)
            || await db.AuditEntries.AnyAsync(a => a.Reason == value) // a department's note is the audit reason of its change
            || await db.EvidenceFiles.AnyAsync(f => f.FileName == value);
    }
}

/// <summary>Every case of the corpus on SQLite, one theory per channel.</summary>
public sealed class HostileInputTestsOnSqlite(AppHolder holder) : HostileInputTests(holder), IClassFixture<AppHolder>
{
    public static TheoryData<HostileCase> Uploads => Corpus.Of("upload");
    public static TheoryData<HostileCase> Entries => Corpus.Of("entry");
    public static TheoryData<HostileCase> ApiFacts => Corpus.Of("api-facts");
    public static TheoryData<HostileCase> ApiEvents => Corpus.Of("api-events");
    public static TheoryData<HostileCase> Registrations => Corpus.Of("register");
    public static TheoryData<HostileCase> Logins => Corpus.Of("login");
    public static TheoryData<HostileCase> SelfAssessments => Corpus.Of("self-assessment");
    public static TheoryData<HostileCase> EvidenceFiles => Corpus.Of("evidence");
    public static TheoryData<HostileCase> Objections => Corpus.Of("objection");
    public static TheoryData<HostileCase> PublicObjections => Corpus.Of("notice");
    public static TheoryData<HostileCase> SupervisionEvents => Corpus.Of("supervision-event");
    public static TheoryData<HostileCase> SupervisionClasses => Corpus.Of("supervision-class");
    public static TheoryData<HostileCase> ReviewReturns => Corpus.Of("review-return");
    public static TheoryData<HostileCase> AdminAccounts => Corpus.Of("admin-account");

    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();

    [Theory, MemberData(nameof(Uploads))] public Task DepartmentUpload(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(Entries))] public Task DepartmentSingleEntry(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(ApiFacts))] public Task FactsEndpoint(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(ApiEvents))] public Task EventsEndpoint(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(Registrations))] public Task EnterpriseRegistration(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(Logins))] public Task LoginForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(SelfAssessments))] public Task SelfAssessmentForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(EvidenceFiles))] public Task Evidence(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(Objections))] public Task ObjectionForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(PublicObjections))] public Task PublicNoticeForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(SupervisionEvents))] public Task SupervisionEventForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(SupervisionClasses))] public Task SupervisionClassForm(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(ReviewReturns))] public Task ReviewReturnReason(HostileCase c) => RunAsync(c);
    [Theory, MemberData(nameof(AdminAccounts))] public Task AdminAccountForm(HostileCase c) => RunAsync(c);
}

/// <summary>
/// The cases marked <c>postgres</c> on PostgreSQL, which, unlike SQLite, enforces column lengths and refuses NUL
/// in text: where an unchecked oversize string or control character would turn into a 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileInputTestsOnPostgres(PostgresServer server, AppHolder holder) : HostileInputTests(holder), IClassFixture<AppHolder>
{
    public static TheoryData<HostileCase> Representative => Corpus.OnPostgres();

    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);

    [Theory, MemberData(nameof(Representative))] public Task Case(HostileCase c) => RunAsync(c);
}
