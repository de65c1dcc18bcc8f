using System.Net;
using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Persistence;
using Evaluation.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
