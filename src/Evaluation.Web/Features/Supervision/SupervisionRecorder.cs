using Evaluation.Web.Features.Shared;
using Evaluation.Engine;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.DepartmentData;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.SmallEnterprises;

namespace Evaluation.Web.Features.Supervision;

/// <summary>One event a department asks to record: the form, or one item of an API batch.</summary>
internal sealed record EventRequest(int Row, string? CreditCode, string? Type, string? Value, DateOnly? OccurredOn, string? Note);

internal sealed record EventError(int Row, string Field, string Message);

/// <summary>What recording came to: errors (nothing stored), a foreign input (403, nothing stored), or the events and cases.</summary>
internal sealed record RecordOutcome(IReadOnlyList<EventError> Errors, bool Forbidden, IReadOnlyList<SupervisionEvent> Events,
    IReadOnlyList<SupervisionCase> CasesOpened, IReadOnlyList<string> VetoesFired)
{
    public bool Succeeded => Errors.Count == 0 && !Forbidden;
}

/// <summary>The catalogue as one department sees it for supervision: its inputs, its event types, its class input.</summary>
internal sealed record DepartmentCatalogue(Campaign Campaign, IReadOnlyDictionary<string, InputDefinition> Inputs,
    IReadOnlyList<EventType> EventTypes, InputDefinition? ClassInput);

/// <summary>
/// Records supervision classes and events (issue 6 item 5). An event writes the department fact into the
/// campaign open for department data (when the enterprise applied there), so precedence and the provisional
/// ScoreCard see it; keeps the event with its date; then scores the enterprise again with the engine: a veto
/// it fires on an enterprise whose published rating is valid today opens a case for the centre (issue 7
/// item 6), and a small enterprise's level is revoked with the one-year wait (<see cref="SmeLevels"/>) — which of
/// these follow is decided by the joint rule set (<see cref="JointRuleSet"/>, ADR 0023), and the enterprise's joint
/// measures are re-evaluated. All of a request is one transaction: any error stores nothing.
/// </summary>
internal sealed class SupervisionRecorder(EvaluationDbContext db, DepartmentScope scope, CampaignCatalogues catalogues,
    AuditActor actor, TimeProvider clock, SmeLevels smeLevels, ProvisionalScoreCards scoreCards, FactLedger ledger,
    JointRuleSet rules, MeasureKeeper measures)
{
    /// <summary>The campaign whose catalogue names the event types: the one open for department data, else the latest.</summary>
    public async Task<DepartmentCatalogue?> CatalogueForAsync(string departmentId, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken)
            ?? await db.Campaigns.OrderByDescending(c => c.Year).ThenByDescending(c => c.PublishOn).FirstOrDefaultAsync(cancellationToken);
        if (campaign is null) return null;
        var inputs = scope.InputsOf(campaign, departmentId);
        return new DepartmentCatalogue(campaign, inputs, EventTypes.For(catalogues.VersionOf(campaign), inputs), EventTypes.ClassInput(inputs));
    }

    private DateOnly Today => clock.NingboToday();

    /// <summary>Records a department's supervision class; when the department owns an A–D grade input, the class sets it too.</summary>
    public async Task<RecordOutcome> RecordClassAsync(string departmentId, Guid enterpriseId, Grade @class, DateOnly effectiveOn,
        string? note, CancellationToken cancellationToken)
    {
        var catalogue = await CatalogueForAsync(departmentId, cancellationToken);
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == enterpriseId, cancellationToken);
        if (catalogue is null || enterprise is null)
            return Failed(new EventError(1, "enterprise", "企业或评价活动不存在 / no such enterprise or campaign"));
        if (effectiveOn > Today) return Failed(new EventError(1, "effectiveOn", "日期不能晚于今天 / the date is in the future"));
        if (Shared.FreeText.Problem(note?.Trim(), 1000, "说明 / note", multiline: true) is { } noteProblem) return Failed(new EventError(1, "note", noteProblem));
        var input = catalogue.ClassInput;
        db.Add(new SupervisionClass(Guid.NewGuid(), enterpriseId, departmentId, @class, effectiveOn, Clean(note), input?.Id,
            actor.Name, clock.GetUtcNow().UtcDateTime));
        if (input is null)
        {
            await db.Because(Clean(note) ?? "监管分类 / supervision class").SaveChangesAsync(cancellationToken);
            await measures.ReevaluateAsync(enterpriseId, "监管分类 / supervision class", cancellationToken);
            return new RecordOutcome([], false, [], [], []);
        }
        // The class is also an event on the grade input: the same fact, history and veto check as any other.
        var type = catalogue.EventTypes.FirstOrDefault(t => t.Id == input.Id) ?? new EventType(input, EventKind.Level, []);
        return await ApplyAsync(catalogue, departmentId,
            [(new EventRequest(1, enterprise.CreditCode, input.Id, @class.ToString(), effectiveOn, note), type, enterprise)],
            Clean(note) ?? "监管分类 / supervision class", cancellationToken);
    }

    /// <summary>Checks every request first; stores all of them, or nothing.</summary>
    public async Task<RecordOutcome> RecordEventsAsync(string departmentId, IReadOnlyList<EventRequest> requests, string reason,
        CancellationToken cancellationToken)
    {
        var catalogue = await CatalogueForAsync(departmentId, cancellationToken);
        if (catalogue is null) return Failed(new EventError(0, "campaign", "没有评价活动 / no campaign"));
        var everyInput = catalogues.VersionInputs(catalogue.Campaign);
        // Another department's input is refused as a whole (403), like department data; nothing is looked at further.
        var foreign = requests.Where(r => r.Type is { } t && everyInput.TryGetValue(t.Trim(), out var i)
                && !string.Equals(i.Source, departmentId, StringComparison.Ordinal))
            .Select(r => new EventError(r.Row, "type", $"指标输入 {r.Type} 不由本部门提供 / input {r.Type} is not owned by {departmentId}")).ToList();
        if (foreign.Count > 0) return new RecordOutcome(foreign, true, [], [], []);

        var errors = new List<EventError>();
        var codes = requests.Select(r => r.CreditCode?.Trim().ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var enterprises = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, cancellationToken);
        var checkedRequests = new List<(EventRequest, EventType, Enterprise)>();
        foreach (var r in requests)
        {
            var type = catalogue.EventTypes.FirstOrDefault(t => t.Id == r.Type?.Trim());
            Enterprise? enterprise = null;
            if (type is null)
                errors.Add(new(r.Row, "type", $"未知的事件类型 {r.Type} / unknown event type {r.Type}; known: {string.Join(", ", catalogue.EventTypes.Select(t => t.Id))}"));
            if (string.IsNullOrWhiteSpace(r.CreditCode)) errors.Add(new(r.Row, "creditCode", "缺少统一社会信用代码 / missing credit code"));
            else if (!CreditCode.TryParse(r.CreditCode.Trim(), out _)) errors.Add(new(r.Row, "creditCode", CreditCode.Validate(r.CreditCode.Trim()) ?? "invalid"));
            else if (!enterprises.TryGetValue(r.CreditCode.Trim().ToUpperInvariant(), out enterprise))
                errors.Add(new(r.Row, "creditCode", $"没有此企业 / no enterprise {r.CreditCode}"));
            if (r.OccurredOn is not { } on) errors.Add(new(r.Row, "occurredOn", "缺少发生日期 / missing date"));
            else if (on > Today) errors.Add(new(r.Row, "occurredOn", "日期不能晚于今天 / the date is in the future"));
            if (type is { Kind: EventKind.Level } && type.ValueAfter(null, r.Value) is null)
                errors.Add(new(r.Row, "value", $"{type.Input.Label.Zh}：取值应为 {string.Join("/", type.Input.Values)} / value must be one of {string.Join(", ", type.Input.Values)}"));
            if (Shared.FreeText.Problem(r.Note?.Trim(), 1000, "说明 / note", multiline: true) is { } noteProblem) errors.Add(new(r.Row, "note", noteProblem));
            if (Shared.FreeText.Problem(r.Value?.Trim(), 64, "取值 / value") is { } valueProblem) errors.Add(new(r.Row, "value", valueProblem));
            if (type is not null && enterprise is not null) checkedRequests.Add((r, type, enterprise));
        }
        if (errors.Count > 0) return new RecordOutcome(errors, false, [], [], []);
        return await ApplyAsync(catalogue, departmentId, checkedRequests, reason, cancellationToken);
    }

    private async Task<RecordOutcome> ApplyAsync(DepartmentCatalogue catalogue, string departmentId,
        IReadOnlyList<(EventRequest Request, EventType Type, Enterprise Enterprise)> requests, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await scope.OpenCampaignAsync(cancellationToken);
        var events = new List<SupervisionEvent>();
        var cases = new List<SupervisionCase>();
        var fired = new List<string>();
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        // A count goes up from the current value: two events at once must not both read the same one.
        if (open is not null) await ledger.LockAsync(open, departmentId, cancellationToken);
        foreach (var (request, type, enterprise) in requests)
        {
            var applied = open is not null && await db.Applications.AnyAsync(a => a.CampaignId == open.Id && a.EnterpriseId == enterprise.Id, cancellationToken);
            Fact? fact = null;
            string value;
            if (applied)
            {
                var writer = FactWriter.Department(departmentId);
                var previous = await ledger.CurrentAsync(open!, enterprise.Id, type.Id, writer, cancellationToken);
                value = type.ValueAfter(previous?.ValueText, request.Value)!;
                fact = await ledger.RecordAsync(open!, enterprise.Id, type.Id, value, writer, cancellationToken);
            }
            else value = type.ValueAfter(null, request.Value)!;
            var row = new SupervisionEvent(Guid.NewGuid(), enterprise.Id, departmentId, type.Id, value, request.OccurredOn!.Value,
                Clean(request.Note), applied ? open!.Id : null, fact?.Id, actor.Name, now);
            db.Add(row);
            events.Add(row);
            await db.Because(Clean(request.Note) ?? reason).SaveChangesAsync(cancellationToken);

            var firedHere = new HashSet<string>(StringComparer.Ordinal);
            if (applied)
                foreach (var v in FiredBy(type, await scoreCards.ForAsync(open!, enterprise, cancellationToken))) firedHere.Add(v.Id);
            var onRatings = await RatingVetoesAsync(enterprise, type, departmentId, request.Value, cancellationToken);
            foreach (var (_, veto) in onRatings) firedHere.Add(veto.Id);
            // What follows is the joint rule set's to decide (ADR 0023): which cases open, whether a small enterprise's level goes.
            var outcome = rules.Evaluate(await ConsequenceFactsAsync(catalogue, enterprise, row, onRatings, cases, firedHere, cancellationToken));
            foreach (var (rating, veto) in outcome.Cases.Select(c => (onRatings.First(x => x.Rating.Id == c.Veto.RatingId).Rating,
                         onRatings.First(x => x.Rating.Id == c.Veto.RatingId && x.Veto.Id == c.Veto.VetoId).Veto)))
            {
                var opened = new SupervisionCase(Guid.NewGuid(), enterprise.Id, rating.Id, row.Id, veto.Id, veto.Name.Zh, now);
                db.Add(opened);
                try
                {
                    await db.Because($"动态管理立案 {veto.Id} / case opened: {type.Input.Label.Zh}").SaveChangesAsync(cancellationToken);
                    cases.Add(opened);
                }
                catch (DbUpdateException)
                {
                    // Another event opened the same case meanwhile (unique open case per rating and veto). EF rolled
                    // back to its savepoint, so the transaction goes on; drop the case and its audit lines.
                    foreach (var added in db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added).ToList())
                        added.State = EntityState.Detached;
                }
            }
            if (firedHere.Count > 0)
            {
                fired.AddRange(firedHere);
                row.RecordVetoes(firedHere);
                if (outcome.Revoke is { } revoke)
                    await smeLevels.RevokeForVetoAsync(catalogue.Campaign, enterprise.Id, revoke.VetoIds, cancellationToken);
                await db.Because($"一票否决 {string.Join(",", firedHere)}：{type.Input.Label.Zh} / veto fired by a department event")
                    .SaveChangesAsync(cancellationToken);
            }
        }
        await measures.ReevaluateAsync(requests.Select(r => r.Enterprise.Id).Distinct().ToList(), reason, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return new RecordOutcome([], false, events, cases, fired.Distinct().ToList());
    }

    /// <summary>
    /// The facts the consequence rules match: each veto the event fires on a valid rating, the cases already open or
    /// confirmed for those ratings (in the database or opened by this request), the vetoes fired, and the small
    /// enterprise's level when a veto fired and the campaign's catalogue has the scheme.
    /// </summary>
    private async Task<List<object>> ConsequenceFactsAsync(DepartmentCatalogue catalogue, Enterprise enterprise, SupervisionEvent row,
        List<(Rating Rating, VetoResult Veto)> onRatings, List<SupervisionCase> cases, HashSet<string> firedHere, CancellationToken cancellationToken)
    {
        var facts = new List<object>();
        var ratingIds = onRatings.Select(x => x.Rating.Id).Distinct().ToList();
        facts.AddRange(onRatings.Select(x => new VetoOnRatingFact(x.Rating.Id, row.Id, x.Veto.Id, x.Veto.Name.Zh)));
        facts.AddRange((await db.Set<SupervisionCase>().Where(c => ratingIds.Contains(c.RatingId) && c.Status != CaseStatus.Dismissed)
                .Select(c => new { c.RatingId, c.VetoId }).ToListAsync(cancellationToken))
            .Select(c => new KnownCaseFact(c.RatingId, c.VetoId)));
        facts.AddRange(cases.Select(c => new KnownCaseFact(c.RatingId, c.VetoId)));
        facts.AddRange(firedHere.Select(v => new VetoFiredFact(v)));
        if (firedHere.Count > 0 && MeasureKeeper.LevelFact(catalogues.VersionOf(catalogue.Campaign),
                await smeLevels.StandingAsync(enterprise.Id, cancellationToken)) is { } level)
            facts.Add(level);
        return facts;
    }

    /// <summary>
    /// For each of the enterprise's published ratings valid today, its campaign's catalogue scored on the
    /// campaign's facts with the event laid over them (the published campaign's facts are not changed: its
    /// ratings rest on frozen snapshots), and the vetoes of the event's type that fire.
    /// </summary>
    private async Task<List<(Rating Rating, VetoResult Veto)>> RatingVetoesAsync(Enterprise enterprise, EventType type, string departmentId,
        string? chosen, CancellationToken cancellationToken)
    {
        var today = Today;
        var ratings = await db.Ratings.Where(r => r.EnterpriseId == enterprise.Id && r.Status == RatingStatus.Published
            && r.ValidFrom <= today && r.ValidTo >= today).ToListAsync(cancellationToken);
        var result = new List<(Rating, VetoResult)>();
        foreach (var rating in ratings)
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == rating.CampaignId, cancellationToken);
            var previous = await db.Facts.AsNoTracking().Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == enterprise.Id
                && f.InputId == type.Id && f.DepartmentId == departmentId && f.SupersededById == null).FirstOrDefaultAsync(cancellationToken);
            var overlay = new Fact(Guid.NewGuid(), campaign.Id, enterprise.Id, type.Id,
                FactValue.From(type.ValueAfter(previous?.ValueText, chosen)!), FactOrigin.Department, departmentId, null, "overlay",
                clock.GetUtcNow().UtcDateTime.AddTicks(1));
            foreach (var veto in FiredBy(type, await scoreCards.ForAsync(campaign, enterprise, cancellationToken, overlay))) result.Add((rating, veto));
        }
        return result;
    }

    private static IEnumerable<VetoResult> FiredBy(EventType type, ScoreCard? card) =>
        card is null ? [] : card.Vetoes.Where(v => v.Fired == true && type.Vetoes.Any(t => t.Id == v.Id));

    private static RecordOutcome Failed(EventError error) => new([error], false, [], [], []);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
