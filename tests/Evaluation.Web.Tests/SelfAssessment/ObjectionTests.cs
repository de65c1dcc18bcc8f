using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.SelfAssessment;

/// <summary>After submission the enterprise follows its application and may object while the result is on public notice.</summary>
public abstract class ObjectionTests(AppHolder holder) : AppTests(holder)
{
    private static string Url(NewEnterprise e) => $"/enterprise/applications/{e.ApplicationId}?handler=Object";

    [Fact]
    public async Task Object_DuringPublicNotice_IsRecordedAndListed()
    {
        var e = await OnPublicNoticeAsync();
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(Url(e), new() { ["reason"] = "职工满意度调查样本不足，请复核" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync($"/enterprise/applications/{e.ApplicationId}")).ShouldContain("职工满意度调查样本不足，请复核");
        await using var db = App.Db();
        var objection = await db.Context.Objections.SingleAsync(o => o.ApplicationId == e.ApplicationId);
        objection.RaisedBy.ShouldBe(e.UserName);
    }

    [Fact]
    public async Task Object_WithEvidence_StoresTheFileForTheObjection()
    {
        var e = await OnPublicNoticeAsync();
        var client = await App.SignedIn(e.UserName);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        var response = await PostWithFileAsync(client, e, "抽样名单有误", "sample.png", png);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = App.Db();
        var objection = await db.Context.Objections.SingleAsync(o => o.ApplicationId == e.ApplicationId);
        var file = await db.Context.EvidenceFiles.SingleAsync(f => f.ObjectionId == objection.Id);
        (file.FileName, file.ContentType, file.IndicatorId).ShouldBe(("sample.png", "image/png", "objection"));
        (await client.GetStringAsync($"/enterprise/applications/{e.ApplicationId}")).ShouldContain($"/evidence/{file.Id}");
    }

    [Fact]
    public async Task Object_WithEvidenceThatIsNotADocument_IsRefusedAndStoresNothing()
    {
        var e = await OnPublicNoticeAsync();
        var client = await App.SignedIn(e.UserName);

        var response = await PostWithFileAsync(client, e, "附件见后", "scan.pdf", "<script>alert(1)</script>"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var db = App.Db();
        (await db.Context.Objections.CountAsync(o => o.ApplicationId == e.ApplicationId)).ShouldBe(0);
        (await db.Context.EvidenceFiles.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostWithFileAsync(HttpClient client, NewEnterprise e, string reason, string name, byte[] content)
    {
        var html = await client.GetStringAsync($"/enterprise/applications/{e.ApplicationId}");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(reason), "reason" },
            { new ByteArrayContent(content), "file", name },
        };
        return await client.PostAsync(Url(e), form);
    }

    [Fact]
    public async Task Object_WithoutReason_IsRefused()
    {
        var e = await OnPublicNoticeAsync();
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(Url(e), new() { ["reason"] = "  " });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("请填写异议理由");
        await using var db = App.Db();
        (await db.Context.Objections.CountAsync(o => o.ApplicationId == e.ApplicationId)).ShouldBe(0);
    }

    [Fact]
    public async Task Object_BeforePublicNotice_IsRefused()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await client.PostFormAsync(Url(e), new() { ["reason"] = "提前异议" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var db = App.Db();
        (await db.Context.Objections.CountAsync(o => o.ApplicationId == e.ApplicationId)).ShouldBe(0);
    }

    [Fact]
    public async Task Object_ToAnotherEnterprisesApplication_IsNotFound()
    {
        var e = await OnPublicNoticeAsync();
        var client = await App.AsEnterprise();

        var response = await client.PostFormAsync(Url(e), new() { ["reason"] = "恶意异议" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = App.Db();
        (await db.Context.Objections.CountAsync(o => o.ApplicationId == e.ApplicationId)).ShouldBe(0);
    }

    private async Task<NewEnterprise> OnPublicNoticeAsync()
    {
        var e = await NewEnterprise.CreateAsync(App);
        await using var db = App.Db();
        var application = await db.Context.Applications.SingleAsync(a => a.Id == e.ApplicationId);
        var now = TestClock.Start.UtcDateTime;
        application.Submit(now);
        application.StartReview();
        application.Accept(now);
        application.RecordScore();
        application.OpenPublicNotice();
        await db.Context.Because("test arrange").SaveChangesAsync();
        return e;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ObjectionTestsOnPostgres(PostgresServer server, AppHolder holder) : ObjectionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class ObjectionTestsOnSqlite(AppHolder holder) : ObjectionTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
