using Evaluation.Web.Features.Audit;

namespace Evaluation.Web.Tests.Audit;

/// <summary>Every change to a fact, an application or an account is in the log: who, when, old → new, why.</summary>
public abstract class AuditLogTests(AppHolder holder) : AppTests(holder)
{
    private async Task<List<AuditEntry>> EntriesAsync(string entityType, Guid id)
    {
        await using var scope = App.Db();
        var key = id.ToString();
        return await scope.Context.AuditEntries.Where(e => e.EntityType == entityType && e.EntityId == key)
            .OrderBy(e => e.At).ThenBy(e => e.Action).ToListAsync();
    }

    [Fact]
    public async Task DepartmentCorrectsAFact_LogNamesTheOfficerAndKeepsTheOldValue()
    {
        var hrss = await App.AsDepartment("hrss");

        var response = await hrss.PostFormAsync($"/department/data/enterprises/{S.EnterpriseAId}",
            new() { ["Entry.InputId"] = "wage_arrears_cases", ["Entry.Value"] = "2", ["Entry.Note"] = "劳动监察立案2起" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var superseded = (await EntriesAsync("Fact", S.HrssFactAId)).Single(e => e.Action == "Modified");
        superseded.Actor.ShouldBe("officer-hrss");
        superseded.ActorUserId.ShouldNotBeNull();
        superseded.Reason.ShouldBe("劳动监察立案2起");
        superseded.Changes.ShouldContain("\"SupersededById\":{\"Old\":null,\"New\":\"");
        superseded.At.ShouldBe(TestClock.Start.UtcDateTime);
        await using var scope = App.Db();
        var old = await scope.Context.Facts.SingleAsync(f => f.Id == S.HrssFactAId);
        old.ValueText.ShouldBe("0");
        var added = (await EntriesAsync("Fact", old.SupersededById!.Value)).ShouldHaveSingleItem();
        added.Action.ShouldBe("Added");
        added.Changes.ShouldContain("\"ValueText\":{\"Old\":null,\"New\":\"2\"}");
    }

    /// <summary>The concurrency token the review page's forms carry (docs/decisions/0007).</summary>
    private async Task<string> VersionAsync(Guid application)
    {
        await using var scope = App.Db();
        return (await scope.Context.Applications.SingleAsync(a => a.Id == application)).Version.ToString();
    }

    [Fact]
    public async Task ApplicationWorkflow_LogRecordsEachMoveWithItsActorAndReason()
    {
        var enterprise = await App.AsEnterprise();
        var reviewer = await App.AsReviewer();
        var app = S.ApplicationAId;

        (await enterprise.PostFormAsync($"/enterprise/applications/{app}?handler=Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.PostFormAsync($"/review/applications/{app}?handler=Start", new() { ["version"] = await VersionAsync(app) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.PostFormAsync($"/review/applications/{app}?handler=Return",
                new() { ["reason"] = "缺少劳动合同台账", ["version"] = await VersionAsync(app) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The enterprise reads the reason where it works: the application and the self-assessment form.
        (await enterprise.GetStringAsync($"/enterprise/applications/{app}")).ShouldContain("缺少劳动合同台账");
        var form = await enterprise.GetStringAsync($"/enterprise/applications/{app}/self-assessment");
        form[form.IndexOf("id=\"return-reason\"", StringComparison.Ordinal)..].ShouldContain("退回原因：缺少劳动合同台账");

        // The test clock stands still, so the three entries share one timestamp: find each move by what it changed.
        var moves = (await EntriesAsync("Application", app)).Where(e => e.Action == "Modified").ToList();
        moves.Count.ShouldBe(3);
        AuditEntry Move(string from, string to) =>
            moves.Single(e => e.Changes.Contains($"\"Status\":{{\"Old\":\"{from}\",\"New\":\"{to}\"}}", StringComparison.Ordinal));
        Move("Draft", "Submitted").Actor.ShouldBe(Scenario.EnterpriseA);
        Move("Submitted", "InReview").Actor.ShouldBe(Scenario.Reviewer);
        var returned = Move("InReview", "Returned");
        returned.Actor.ShouldBe(Scenario.Reviewer);
        returned.Reason.ShouldBe("缺少劳动合同台账");
    }

    [Fact]
    public async Task IllegalMoveThroughThePage_Answers409AndLogsNothing()
    {
        var reviewer = await App.AsReviewer();
        var before = (await EntriesAsync("Application", S.ApplicationBId)).Count;

        var response = await reviewer.PostFormAsync($"/review/applications/{S.ApplicationBId}?handler=Accept",
            new() { ["version"] = await VersionAsync(S.ApplicationBId) });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await EntriesAsync("Application", S.ApplicationBId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task AccountCreation_IsLoggedWithoutThePasswordHash()
    {
        await using var scope = App.Db();
        var accountIds = (await scope.Context.Accounts.Select(a => a.Id).ToListAsync()).Select(id => id.ToString());
        var entries = await scope.Context.AuditEntries.Where(e => e.EntityType == "Account").ToListAsync();

        entries.Where(e => e.Action == "Added").Select(e => e.EntityId).ShouldBe(accountIds, ignoreOrder: true);
        entries.ShouldAllBe(e => !e.Changes.Contains("PasswordHash") && !e.Changes.Contains("SecurityStamp"));
    }

    [Fact]
    public async Task AuditEntry_ChangedThroughTheContext_IsRefused()
    {
        await using var scope = App.Db();
        var entry = await scope.Context.AuditEntries.FirstAsync();
        scope.Context.Entry(entry).Property(e => e.Reason).CurrentValue = "rewritten";

        await Should.ThrowAsync<InvalidOperationException>(() => scope.Context.SaveChangesAsync());
        scope.Context.ChangeTracker.Clear();
        scope.Context.AuditEntries.Remove(await scope.Context.AuditEntries.FirstAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => scope.Context.SaveChangesAsync());
    }

    [Fact]
    public async Task AuditEntry_ChangedBySqlBehindTheContextsBack_IsRefusedByTheDatabase()
    {
        await using var scope = App.Db();
        var count = await scope.Context.AuditEntries.CountAsync();

        await Should.ThrowAsync<Exception>(() => scope.Context.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, "x")));
        await Should.ThrowAsync<Exception>(() => scope.Context.AuditEntries.ExecuteDeleteAsync());
        (await scope.Context.AuditEntries.CountAsync()).ShouldBe(count);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTestsOnPostgres(PostgresServer server, AppHolder holder)
    : AuditLogTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class AuditLogTestsOnSqlite(AppHolder holder) : AuditLogTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
