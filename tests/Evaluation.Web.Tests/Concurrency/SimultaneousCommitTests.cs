using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Evaluation.Web.Features.DepartmentData.Api;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Evaluation.Web.Tests.DepartmentData;
using Npgsql;

namespace Evaluation.Web.Tests.Concurrency;

/// <summary>
/// Saves that meet at the same instant, made deterministic on PostgreSQL: the test locks the current value's row
/// (SELECT … FOR UPDATE), lets both requests check it and reach the UPDATE that supersedes it, sees both waiting
/// on the lock in pg_stat_activity, then lets go. The first in the queue commits; the other finds its superseded value taken, rolls
/// back everything (its new facts included) and answers 409 with the message, never a 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SimultaneousCommitTests(PostgresServer server, AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);

    [Fact]
    public async Task UploadCommitAndSingleEntryAtOnce_TheEntryFirstInLineWins_TheUploadIs409AndOffersTheFileRechecked()
    {
        const string input = "min_wage_violations";
        var hrss = await App.AsDepartment("hrss");
        var desk = await App.AsDepartment("hrss");
        var current = await FirstValueAsync(hrss, input, "1");
        var (preview, html) = await hrss.PreviewAsync($"统一社会信用代码 credit_code,最低工资 {input}\n{Scenario.CreditCodeA},2\n");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await ConcurrentEditTests.OpenFormAsync(desk, S.EnterpriseAId);
        var before = await CountsAsync();

        var (entry, upload) = await RaceAsync(current,
            () => ConcurrentEditTests.SaveAsync(desk, S.EnterpriseAId, form, input, "3", "现场核查 / inspected"),
            () => hrss.CommitAsync(html)) switch { var r => (r[0], r[1]) };

        entry.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        upload.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await upload.Content.ReadAsStringAsync();
        page.ShouldContain(ConcurrentEditTests.Message);
        page.ShouldContain("3 → 2", Case.Sensitive, "the file re-checked against the value that won, ready to commit again");
        page.ShouldContain("name=\"upload\"");
        await ShouldHaveStoredOnlyTheWinnerAsync(before, input, current, winner: "3");
    }

    [Fact]
    public async Task TwoOfficersSaveTheSameValueAtTheSameInstant_TheFirstInLineWins_TheOtherIs409AndStoresNothing()
    {
        const string input = "overtime_pay_violations";
        var first = await App.AsDepartment("hrss");
        var second = await App.AsDepartment("hrss");
        var current = await FirstValueAsync(first, input, "1");
        var firstForm = await ConcurrentEditTests.OpenFormAsync(first, S.EnterpriseAId);
        var secondForm = await ConcurrentEditTests.OpenFormAsync(second, S.EnterpriseAId);
        var before = await CountsAsync();

        var responses = await RaceAsync(current,
            () => ConcurrentEditTests.SaveAsync(first, S.EnterpriseAId, firstForm, input, "4", "甲 / first"),
            () => ConcurrentEditTests.SaveAsync(second, S.EnterpriseAId, secondForm, input, "5", "乙 / second"));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Conflict]);
        (await responses[1].Content.ReadAsStringAsync()).ShouldContain(ConcurrentEditTests.Message);
        await ShouldHaveStoredOnlyTheWinnerAsync(before, input, current, winner: "4");
    }

    [Fact]
    public async Task ApiBatchAndSingleEntryAtOnce_TheEntryFirstInLineWins_TheApiIs409AndStoresNothing()
    {
        const string input = "wage_arrears_cases"; // the scenario's value 0
        var desk = await App.AsDepartment("hrss");
        var api = await App.AsApi("hrss");
        var form = await ConcurrentEditTests.OpenFormAsync(desk, S.EnterpriseAId);
        var before = await CountsAsync();

        var responses = await RaceAsync(S.HrssFactAId,
            () => ConcurrentEditTests.SaveAsync(desk, S.EnterpriseAId, form, input, "8", "现场核查 / inspected"),
            () => api.PostAsJsonAsync("/api/v1/facts", new[] { new { creditCode = Scenario.CreditCodeA, inputId = input, value = 6, note = "系统同步 / sync" } }));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Conflict]);
        var problem = await responses[1].Content.ReadAsStringAsync();
        problem.ShouldContain(ConcurrentEditTests.Message);
        problem.ShouldContain("\"status\":409"); // a problem document for the department's system
        await ShouldHaveStoredOnlyTheWinnerAsync(before, input, S.HrssFactAId, winner: "8");
    }

    [Fact]
    public async Task TwoFirstValuesAtTheSameInstant_NoRowToLock_TheFirstInLineWins_TheOtherIs409AndStoresNothing()
    {
        const string input = "min_wage_violations"; // enterprise B has no value for it: both requests are first values
        var one = await App.AsApi("hrss");
        var other = await App.AsApi("hrss");
        var before = await CountsAsync();
        Task<HttpResponseMessage> Send(HttpClient client, int value) =>
            client.PostAsJsonAsync("/api/v1/facts", new[] { new { creditCode = Scenario.CreditCodeB, inputId = input, value, note = "首次 / first" } });

        // The test holds the department's write lock; both requests check "no current value", then queue on it.
        var responses = await RaceAsync((connection, transaction) => new NpgsqlCommand("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))) AS taken",
                connection, transaction) { Parameters = { new("key", DepartmentWriteLock.Key(S.CampaignId, "hrss")) } },
            () => Send(one, 2), () => Send(other, 3));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await responses[1].Content.ReadAsStringAsync()).ShouldContain(ConcurrentEditTests.Message);
        (await CountsAsync()).ShouldBe((before.Facts + 1, before.Audit + 1), "the winner's fact and its audit entry; nothing of the loser");
        await using var scope = App.Db();
        (await scope.Context.Facts.AsNoTracking().Where(f => f.EnterpriseId == S.EnterpriseBId && f.InputId == input
            && f.Origin == FactOrigin.Department && f.SupersededById == null).Select(f => f.ValueText).ToListAsync()).ShouldBe(["2"]);
    }

    /// <summary>Enters a first value through the form and returns its fact id: the row the race is about.</summary>
    private async Task<Guid> FirstValueAsync(HttpClient officer, string input, string value)
    {
        (await officer.PostFormAsync($"/department/data/enterprises/{S.EnterpriseAId}",
            new() { ["Entry.InputId"] = input, ["Entry.Value"] = value })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = App.Db();
        return await scope.Context.Facts.Where(f => f.EnterpriseId == S.EnterpriseAId && f.InputId == input
            && f.Origin == FactOrigin.Department && f.SupersededById == null).Select(f => f.Id).SingleAsync();
    }

    private Task<HttpResponseMessage[]> RaceAsync(Guid row, params Func<Task<HttpResponseMessage>>[] requests) =>
        RaceAsync((connection, transaction) => new NpgsqlCommand("SELECT 1 FROM \"Facts\" WHERE \"Id\" = @id FOR UPDATE", connection, transaction)
            { Parameters = { new("id", row) } }, requests);

    /// <summary>Holds a lock (the command <paramref name="takeLock"/> makes), queues the requests on it in order, then lets go.</summary>
    private async Task<HttpResponseMessage[]> RaceAsync(Func<NpgsqlConnection, NpgsqlTransaction, NpgsqlCommand> takeLock,
        params Func<Task<HttpResponseMessage>>[] requests)
    {
        await using var locker = new NpgsqlConnection(App.ConnectionString + ";Pooling=false");
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockCommand = takeLock(locker, transaction))
            (await lockCommand.ExecuteScalarAsync()).ShouldNotBeNull("the lock taken");
        // Watched from a connection of its own: within a transaction pg_stat_activity is a snapshot and never changes.
        await using var monitor = new NpgsqlConnection(App.ConnectionString + ";Pooling=false");
        await monitor.OpenAsync();
        // One after the other, each waiting on the row before the next starts: PostgreSQL queues waiters for a row
        // in order, so the first request wins and the test knows which response to expect from which.
        var running = new List<Task<HttpResponseMessage>>();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", monitor);
        foreach (var request in requests)
        {
            running.Add(Task.Run(request));
            var watch = Stopwatch.StartNew();
            while ((long)(await waiting.ExecuteScalarAsync())! < running.Count)
            {
                if (running.FirstOrDefault(t => t.IsCompleted) is { } done)
                    throw new InvalidOperationException($"A request ended ({(int)(await done).StatusCode}) before it waited on the lock.");
                if (watch.Elapsed > TimeSpan.FromSeconds(30))
                    throw new TimeoutException("The requests never met at the lock:\n" + await ActivityAsync(monitor));
                await Task.Delay(10);
            }
        }
        await transaction.RollbackAsync(); // let go: the queue takes the row in turn
        return await Task.WhenAll(running);
    }

    private static async Task<string> ActivityAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pid, state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())));
        return string.Join("\n", lines);
    }

    private async Task ShouldHaveStoredOnlyTheWinnerAsync((int Facts, int Audit) before, string input, Guid superseded, string winner)
    {
        (await CountsAsync()).ShouldBe((before.Facts + 1, before.Audit + 2), "the winner's fact and its two audit entries (added, superseded); nothing of the loser");
        await using var scope = App.Db();
        var current = await scope.Context.Facts.AsNoTracking().Where(f => f.EnterpriseId == S.EnterpriseAId && f.InputId == input
            && f.Origin == FactOrigin.Department && f.SupersededById == null).ToListAsync();
        current.Select(f => f.ValueText).ShouldBe([winner]);
        (await scope.Context.Facts.AsNoTracking().SingleAsync(f => f.Id == superseded)).SupersededById.ShouldBe(current[0].Id);
    }

    private async Task<(int Facts, int Audit)> CountsAsync()
    {
        await using var scope = App.Db();
        return (await scope.Context.Facts.CountAsync(), await scope.Context.AuditEntries.CountAsync());
    }
}
