namespace Evaluation.Web.Tests.Persistence;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model describes (docs/decisions/0002):
/// same tables, columns, store types, nullability, keys, indexes and foreign keys, on each provider.
/// </summary>
public abstract class MigrationDriftTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task MigratedDatabase_MatchesTheModel()
    {
        await using var scope = App.Db();
        var model = LiveSchema.FromModel(scope.Context);
        var live = await LiveSchema.FromDatabaseAsync(scope.Context);

        var missing = model.Except(live).ToList();
        var unexpected = live.Except(model).ToList();
        (missing.Count + unexpected.Count).ShouldBe(0,
            "schema drift\n  in the model, not in the database:\n    " + string.Join("\n    ", missing) +
            "\n  in the database, not in the model:\n    " + string.Join("\n    ", unexpected));
        model.Count.ShouldBeGreaterThan(100); // the comparison really read a schema
    }

    [Fact]
    public async Task MigratedDatabase_HasNoPendingMigrations()
    {
        await using var scope = App.Db();
        (await scope.Context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await scope.Context.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task MigratedDatabase_HoldsTheThirteenMemberDepartments()
    {
        await using var scope = App.Db();
        var ids = await scope.Context.Departments.Select(d => d.Id).ToListAsync();
        ids.ShouldBe(["hrss", "safety", "health", "env", "market", "tax", "court", "union", "credit", "science", "econ", "dpf", "civil"],
            ignoreOrder: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MigrationDriftTestsOnPostgres(PostgresServer server, AppHolder holder)
    : MigrationDriftTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class MigrationDriftTestsOnSqlite(AppHolder holder) : MigrationDriftTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
