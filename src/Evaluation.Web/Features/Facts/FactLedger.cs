using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.DepartmentData;

namespace Evaluation.Web.Features.Facts;

/// <summary>
/// Who records a value, which decides the lane it goes into (the version it supersedes) and the right that is checked:
/// the enterprise answers its own and survey inputs, a department the inputs it owns, the centre's reviewer any input.
/// </summary>
internal sealed record FactWriter(FactOrigin Lane, string? DepartmentId)
{
    public static FactWriter Enterprise { get; } = new(FactOrigin.Enterprise, null);

    public static FactWriter Reviewer { get; } = new(FactOrigin.Reviewer, null);

    public static FactWriter Department(string departmentId) => new(FactOrigin.Department, departmentId);
}

/// <summary>A value the ledger refused: the writer has no right to the input, or the catalogue has no such input.</summary>
internal sealed class FactRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// The one way a value is recorded (docs/decisions/0019). Recording checks the writer's right to the input, takes the
/// department write lock for a department's value (<see cref="DepartmentWriteLock"/>), adds the new version and marks the
/// lane's current one superseded — a value is never overwritten — and writes the audit entry: through the change tracker
/// (the caller's <c>Because(reason).SaveChanges</c>) for a single value, or with <see cref="BulkWrite"/> for a
/// department's submission, under the same rules. The self-assessment, the reviewer, supervision events, the department
/// desk, upload and API all record here.
/// </summary>
internal sealed class FactLedger(EvaluationDbContext db, AuditActor actor, TimeProvider clock, CampaignCatalogues catalogues)
{
    private const int ChunkSize = 5000;

    /// <summary>What a user is told when a recording lost a race (409): nothing was stored.</summary>
    public const string ChangedMeanwhile =
        "数值已被他人更改，未保存任何数据；请查看当前值后重试。 / Changed by someone else meanwhile: nothing was saved. Check the current values and try again.";

    // The department locks taken in the current transaction: a request recording many values asks once.
    private readonly HashSet<(object Transaction, Guid Campaign, string Department)> _locks = [];

    /// <summary>
    /// Serialises this department's writers in the campaign until the current transaction ends; call it before reading
    /// "what is current" when the new value depends on it (a count that goes up). Taken once per transaction.
    /// </summary>
    public async Task LockAsync(Campaign campaign, string departmentId, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A department's values are recorded inside a transaction.");
        if (!_locks.Add((transaction, campaign.Id, departmentId))) return;
        await DepartmentWriteLock.AcquireAsync(db, campaign.Id, departmentId, cancellationToken);
    }

    /// <summary>The lane's current value of an input (the latest, if a race ever left two), or null.</summary>
    public Task<Fact?> CurrentAsync(Campaign campaign, Guid enterpriseId, string inputId, FactWriter writer, CancellationToken cancellationToken) =>
        Lane(campaign.Id, enterpriseId, inputId, writer).OrderByDescending(f => f.SuppliedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Records one value: checked, locked (a department's, inside the caller's transaction), the new version added and
    /// the lane's current ones superseded, all tracked. The caller's SaveChanges writes it with its audit entries.
    /// </summary>
    /// <exception cref="FactRefusedException">The writer may not record this input.</exception>
    public async Task<Fact> RecordAsync(Campaign campaign, Guid enterpriseId, string inputId, string value, FactWriter writer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(writer);
        var origin = Check(campaign, inputId, writer);
        if (writer.DepartmentId is { } department) await LockAsync(campaign, department, cancellationToken);
        var fact = new Fact(Guid.NewGuid(), campaign.Id, enterpriseId, inputId, FactValue.From(value), origin, writer.DepartmentId,
            actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
        var current = await Lane(campaign.Id, enterpriseId, inputId, writer).ToListAsync(cancellationToken);
        db.Facts.Add(fact);
        foreach (var old in current) old.SupersedeWith(fact);
        return fact;
    }

    /// <summary>
    /// Records a department's checked submission in one transaction: each change adds a fact version and supersedes the
    /// department's previous one, each with its audit entry. Written with multi-row statements (<see cref="BulkWrite"/>)
    /// in chunks, not through the change tracker: a 100,000-row file is 300,000 facts and as many audit entries, which
    /// EF's per-entity bookkeeping made a minute's work. The transaction still makes it all or nothing, and a previous
    /// value superseded by someone else meanwhile — or a first value someone else supplied meanwhile, seen under the
    /// department's write lock — aborts the whole submission.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">A value this submission supersedes was superseded by someone else
    /// since it was checked; the transaction is rolled back. Callers answer 409 with <see cref="ChangedMeanwhile"/>.</exception>
    /// <exception cref="FactRefusedException">A change names an input the department does not own; nothing is written.</exception>
    public async Task<int> RecordSubmissionAsync(Campaign campaign, string departmentId, IReadOnlyList<FactChange> changes,
        string defaultReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return 0;
        var writer = FactWriter.Department(departmentId);
        foreach (var inputId in changes.Select(c => c.InputId).Distinct(StringComparer.Ordinal)) Check(campaign, inputId, writer);
        var now = clock.GetUtcNow().UtcDateTime;
        var factType = db.Model.FindEntityType(typeof(Fact))!;
        var (name, userId) = (actor.Name, actor.UserId);
        // Joins an open transaction (an Idempotency-Key claim commits with its batch), else is its own.
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        await LockAsync(campaign, departmentId, cancellationToken);
        await RefuseFirstValuesTakenAsync(campaign.Id, departmentId, changes, cancellationToken);
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            var facts = new List<Fact>(chunk.Length);
            var audit = new List<AuditEntry>(chunk.Length * 2);
            var superseded = new List<(Guid Key, Guid Value)>();
            foreach (var change in chunk)
            {
                var reason = change.Note ?? defaultReason;
                var fact = new Fact(Guid.NewGuid(), campaign.Id, change.EnterpriseId, change.InputId, FactValue.From(change.New),
                    FactOrigin.Department, departmentId, userId, name, now);
                facts.Add(fact);
                audit.Add(AuditTrail.Added(factType, fact, name, userId, now, reason));
                if (change.SupersedesFactId is not { } old) continue;
                superseded.Add((old, fact.Id));
                audit.Add(AuditTrail.Modified(nameof(Fact), old.ToString(), nameof(Fact.SupersededById), null, fact.Id,
                    name, userId, now, reason));
            }
            await BulkWrite.InsertAsync(db, facts, cancellationToken);
            var changed = await BulkWrite.SetWhereNullAsync<Fact>(db, nameof(Fact.Id), nameof(Fact.SupersededById), superseded, cancellationToken);
            if (changed != superseded.Count)
                throw new DbUpdateConcurrencyException(
                    $"{superseded.Count - changed} 个原值已被他人更正 / value(s) were corrected by someone else meanwhile; nothing was saved.");
            await BulkWrite.InsertAsync(db, audit, cancellationToken);
        }
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>The origin the value is recorded with; refuses an input the writer has no right to.</summary>
    private FactOrigin Check(Campaign campaign, string inputId, FactWriter writer)
    {
        if (!catalogues.VersionInputs(campaign).TryGetValue(inputId, out var input))
            throw new FactRefusedException($"no input {inputId} in catalogue {campaign.CatalogueId}@{campaign.CatalogueVersion}");
        return writer.Lane switch
        {
            FactOrigin.Department when string.Equals(input.Source, writer.DepartmentId, StringComparison.Ordinal) => FactOrigin.Department,
            FactOrigin.Enterprise when input.Source == "survey" => FactOrigin.Survey,
            FactOrigin.Enterprise when input.Source == "enterprise" => FactOrigin.Enterprise,
            FactOrigin.Reviewer => FactOrigin.Reviewer,
            _ => throw new FactRefusedException($"input {inputId} is supplied by {input.Source}, not by {writer.DepartmentId ?? writer.Lane.ToString()}"),
        };
    }

    /// <summary>The current facts a new value of this writer supersedes: the department's own, the reviewer's, the enterprise's answers.</summary>
    private IQueryable<Fact> Lane(Guid campaignId, Guid enterpriseId, string inputId, FactWriter writer)
    {
        var current = db.Facts.Where(f => f.CampaignId == campaignId && f.EnterpriseId == enterpriseId && f.InputId == inputId
            && f.SupersededById == null);
        return writer.Lane switch
        {
            FactOrigin.Department => current.Where(f => f.Origin == FactOrigin.Department && f.DepartmentId == writer.DepartmentId),
            FactOrigin.Reviewer => current.Where(f => f.Origin == FactOrigin.Reviewer),
            _ => current.Where(f => f.Origin == FactOrigin.Enterprise || f.Origin == FactOrigin.Survey),
        };
    }

    /// <summary>
    /// A change checked as an input's first value (nothing to supersede) finds one now: someone else supplied it since
    /// the check. Looked for once, under <see cref="DepartmentWriteLock"/> (nothing can slip in after this look) and
    /// before writing, so it reads only the values that were there already: none for a first import. A small
    /// submission looks only at its own enterprises; a large one reads the department's current values once (a list
    /// of 30,000 enterprises in one query was slower than that read).
    /// </summary>
    private async Task RefuseFirstValuesTakenAsync(Guid campaignId, string departmentId, IReadOnlyList<FactChange> changes,
        CancellationToken cancellationToken)
    {
        var first = changes.Where(c => c.SupersedesFactId is null).Select(c => (c.EnterpriseId, c.InputId)).ToHashSet();
        if (first.Count == 0) return;
        var current = db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaignId && f.DepartmentId == departmentId && f.SupersededById == null);
        var enterprises = first.Select(f => f.EnterpriseId).Distinct().ToList();
        if (enterprises.Count <= 500) current = current.Where(f => enterprises.Contains(f.EnterpriseId));
        var taken = 0;
        await foreach (var f in current.Select(f => new { f.EnterpriseId, f.InputId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (first.Contains((f.EnterpriseId, f.InputId))) taken++;
        if (taken > 0)
            throw new DbUpdateConcurrencyException(
                $"{taken} 个数值已由他人先行报送 / value(s) were first supplied by someone else meanwhile; nothing was saved.");
    }
}
