using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Evaluation.Web.Persistence;

/// <summary>
/// After the PostgreSQL server restarts, every idle connection in Npgsql's pool is dead, and Npgsql hands them out
/// without checking (by design: a check would cost a round trip on every open). Each request would then fail once
/// per dead connection until the pool has been drained. So the first failure that shows the connection itself
/// broke (the server went away, or shut the session down) clears the whole pool: the connections still in use are
/// discarded when returned, the next open makes a fresh one. See docs/decisions/0013-database-faults.md.
/// </summary>
internal static class BrokenConnections
{
    /// <summary>Clears the connection's pool when <paramref name="error"/> says the connection broke; true if it did.</summary>
    public static bool PurgeIfBroken(DbConnection? connection, Exception error)
    {
        if (connection is not NpgsqlConnection postgres || !IsBroken(error)) return false;
        NpgsqlConnection.ClearPool(postgres);
        return true;
    }

    /// <summary>
    /// I/O and protocol failures (Npgsql's own exceptions, which are not server errors), and the server's
    /// "shutting down" / "starting up" / connection-exception states (57P01-57P03, class 08). Not deadlocks,
    /// serialization failures or constraint violations: the connection survives those.
    /// </summary>
    public static bool IsBroken(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException server)
                return server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                    or PostgresErrorCodes.CannotConnectNow || server.SqlState.StartsWith("08", StringComparison.Ordinal);
            if (e is NpgsqlException) return true;
        }
        return false;
    }
}

/// <summary>Purges a broken pool when a command, an open or a commit fails (see <see cref="BrokenConnections"/>).</summary>
internal sealed class BrokenConnectionCommands : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        BrokenConnections.PurgeIfBroken(eventData.Connection, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        BrokenConnections.PurgeIfBroken(eventData.Connection, eventData.Exception);
        return Task.CompletedTask;
    }
}

/// <inheritdoc cref="BrokenConnectionCommands"/>
internal sealed class BrokenConnectionOpens : DbConnectionInterceptor
{
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        BrokenConnections.PurgeIfBroken(connection, eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        BrokenConnections.PurgeIfBroken(connection, eventData.Exception);
        return Task.CompletedTask;
    }
}

/// <inheritdoc cref="BrokenConnectionCommands"/>
internal sealed class BrokenConnectionTransactions : DbTransactionInterceptor
{
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        BrokenConnections.PurgeIfBroken(transaction.Connection, eventData.Exception);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        BrokenConnections.PurgeIfBroken(transaction.Connection, eventData.Exception);
        return Task.CompletedTask;
    }
}
