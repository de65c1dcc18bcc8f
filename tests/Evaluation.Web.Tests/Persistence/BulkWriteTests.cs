using System.Text.RegularExpressions;
using Evaluation.Web.Features.Audit;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;

namespace Evaluation.Web.Tests.Persistence;

/// <summary>
/// The bulk path writes exactly what SaveChanges would: rows EF reads back unchanged (type mappings and
/// converters applied, e.g. SQLite's upper-case Guid text, enums as names), and audit entries with the same text.
/// </summary>
public abstract partial class BulkWriteTests(AppHolder holder) : AppTests(holder)
{
    private Fact NewFact(string value, DateTime at) => new(Guid.NewGuid(), S.CampaignId, S.EnterpriseBId, "wage_arrears_cases",
        FactValue.From(value), FactOrigin.Department, "hrss", Guid.NewGuid(), "人社局经办人", at);

    [Fact]
    public async Task BulkInsertedFact_ReadsBackAsEfWouldHaveWrittenIt_WithTheSameAuditText()
    {
        var at = new DateTime(2026, 5, 2, 3, 4, 5, DateTimeKind.Utc);
        var viaEf = NewFact("3.50", at);
        var viaBulk = NewFact("3.50", at);
        await using (var scope = App.Db())
        {
            var db = scope.Context;
            db.Facts.Add(viaEf);
            await db.Because("比对 / compare").SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var type = db.Model.FindEntityType(typeof(Fact))!;
            await BulkWrite.InsertAsync(db, [viaBulk], CancellationToken.None);
            await BulkWrite.InsertAsync(db, [AuditTrail.Added(type, viaBulk, "system", null, at, "比对 / compare")], CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var read = App.Db();
        var back = await read.Context.Facts.AsNoTracking().SingleAsync(f => f.Id == viaBulk.Id);
        var reference = await read.Context.Facts.AsNoTracking().SingleAsync(f => f.Id == viaEf.Id);
        (back.ValueText, back.Origin, back.DepartmentId, back.SuppliedAt, back.Verification, back.EnterpriseId)
            .ShouldBe((reference.ValueText, reference.Origin, reference.DepartmentId, reference.SuppliedAt,
                reference.Verification, reference.EnterpriseId));
        back.SuppliedAt.Kind.ShouldBe(DateTimeKind.Utc);
        var efText = (await read.Context.AuditEntries.SingleAsync(e => e.EntityId == viaEf.Id.ToString())).Changes;
        var bulkText = (await read.Context.AuditEntries.SingleAsync(e => e.EntityId == viaBulk.Id.ToString())).Changes;
        WithoutIds(bulkText).ShouldBe(WithoutIds(efText));
    }

    [Fact]
    public async Task SetWhereNull_ChangesOnlyRowsStillNull_AndCountsThem()
    {
        var at = new DateTime(2026, 5, 2, 3, 4, 5, DateTimeKind.Utc);
        var (old, newer, other) = (NewFact("1", at), NewFact("2", at), NewFact("3", at));
        await using (var scope = App.Db())
        {
            scope.Context.Facts.AddRange(old, newer, other);
            await scope.Context.Because("准备 / setup").SaveChangesAsync();
            await using var transaction = await scope.Context.Database.BeginTransactionAsync();
            (await BulkWrite.SetWhereNullAsync<Fact>(scope.Context, nameof(Fact.Id), nameof(Fact.SupersededById), [(old.Id, newer.Id)], default))
                .ShouldBe(1);
            // A second writer arriving late finds the row already superseded: nothing changes, and it can tell.
            (await BulkWrite.SetWhereNullAsync<Fact>(scope.Context, nameof(Fact.Id), nameof(Fact.SupersededById), [(old.Id, other.Id)], default))
                .ShouldBe(0);
            await transaction.CommitAsync();
        }

        await using var read = App.Db();
        (await read.Context.Facts.AsNoTracking().SingleAsync(f => f.Id == old.Id)).SupersededById.ShouldBe(newer.Id);
        (await read.Context.Facts.AsNoTracking().SingleAsync(f => f.Id == other.Id)).SupersededById.ShouldBeNull();
    }

    private static string WithoutIds(string json) => Guids().Replace(json, "<id>");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();
}

[Collection(PostgresCollection.Name)]
public sealed class BulkWriteTestsOnPostgres(PostgresServer server, AppHolder holder)
    : BulkWriteTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class BulkWriteTestsOnSqlite(AppHolder holder) : BulkWriteTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
