using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Evaluation.Web.Persistence;

internal static class Transactions
{
    /// <summary>
    /// A transaction of the caller's own, or null when one is open on the context already: then the work joins it and
    /// its owner commits (an idempotency claim commits together with the batch it guards). Commit only a non-null one.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginOrJoinAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
}
