using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Departments;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.SmallEnterprises;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Measures;

/// <summary>What a re-evaluation started and ended.</summary>
internal sealed record MeasureChanges(IReadOnlyList<MeasureRecord> Started, IReadOnlyList<MeasureRecord> Ended);

/// <summary>
/// Keeps enterprises' measures current: reads their facts (ratings, the departments' latest classes, the last year's
/// events, the small-enterprise level), runs <see cref="JointRuleSet"/>, and records what started (a new row) and
/// what ended (<see cref="MeasureRecord.End"/>) in one audited save. A new event, a class, a revocation, a publication
/// and the daily expiry sweep call it.
/// </summary>
internal sealed class MeasureKeeper(EvaluationDbContext db, JointRuleSet rules, CampaignCatalogues catalogues, TimeProvider clock)
{
    private const int Chunk = 500;

    public Task<MeasureChanges> ReevaluateAsync(Guid enterpriseId, string reason, CancellationToken cancellationToken) =>
        ReevaluateAsync([enterpriseId], reason, cancellationToken);

    public async Task<MeasureChanges> ReevaluateAsync(IReadOnlyCollection<Guid> enterpriseIds, string reason, CancellationToken cancellationToken)
    {
        var started = new List<MeasureRecord>();
        var ended = new List<MeasureRecord>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var chunk in enterpriseIds.Distinct().Chunk(Chunk))
        {
            var facts = await FactsAsync(chunk, cancellationToken);
            var active = (await db.Set<MeasureRecord>().Where(m => chunk.Contains(m.EnterpriseId) && m.EndedAt == null).ToListAsync(cancellationToken))
                .ToLookup(m => m.EnterpriseId);
            foreach (var id in chunk)
            {
                var wanted = rules.Evaluate(facts[id]).Measures.DistinctBy(f => f.Key).ToDictionary(f => f.Key);
                foreach (var record in active[id].Where(r => !wanted.ContainsKey(r.Key)))
                {
                    record.End(reason, now);
                    ended.Add(record);
                }
                var have = active[id].Select(r => r.Key).ToHashSet();
                foreach (var firing in wanted.Values.Where(f => !have.Contains(f.Key)))
                {
                    var record = new MeasureRecord(Guid.NewGuid(), id, firing, now);
                    db.Add(record);
                    started.Add(record);
                }
            }
        }
        if (started.Count + ended.Count > 0)
            await db.Because($"联合奖惩：{started.Count} 项开始，{ended.Count} 项结束（{reason}）/ joint measures: {started.Count} started, {ended.Count} ended ({reason})")
                .SaveChangesAsync(cancellationToken);
        return new MeasureChanges(started, ended);
    }

    /// <summary>Enterprises whose active measures ended before today, or whose small-enterprise certificate lapsed: the daily sweep's work.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var today = clock.NingboToday();
        var ending = await db.Set<MeasureRecord>().Where(m => m.EndedAt == null && m.EndsOn != null && m.EndsOn < today)
            .Select(m => m.EnterpriseId).Distinct().ToListAsync(cancellationToken);
        return ending;
    }

    /// <summary>The facts of each enterprise, as the rules match them (the same <see cref="Today"/> for all).</summary>
    public async Task<Dictionary<Guid, List<object>>> FactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var today = clock.NingboToday();
        var result = ids.ToDictionary(id => id, _ => new List<object> { new Today(today) });
        var departments = MemberDepartments.All.ToDictionary(d => d.Id, StringComparer.Ordinal);
        string Zh(string d) => departments.TryGetValue(d, out var x) ? x.NameZh : d;
        string En(string d) => departments.TryGetValue(d, out var x) ? x.NameEn : d;

        var ratings = await (from r in db.Ratings.AsNoTracking()
                             join c in db.Campaigns on r.CampaignId equals c.Id
                             where ids.Contains(r.EnterpriseId)
                             select new { r.Id, r.EnterpriseId, c.Year, r.Grade, r.Status, r.ValidFrom, r.ValidTo, r.RevokedAt })
            .ToListAsync(cancellationToken);
        foreach (var r in ratings)
            result[r.EnterpriseId].Add(new RatingFact(r.Id, r.Year, r.Grade, r.Status, r.ValidFrom, r.ValidTo,
                r.RevokedAt is { } at ? Shared.NingboTime.NingboDate(at) : null));

        var classes = await db.Set<SupervisionClass>().AsNoTracking().Where(c => ids.Contains(c.EnterpriseId) && c.EffectiveOn <= today)
            .ToListAsync(cancellationToken);
        foreach (var c in classes.GroupBy(c => (c.EnterpriseId, c.DepartmentId))
                     .Select(g => g.OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.RecordedAt).First()))
            result[c.EnterpriseId].Add(new ClassFact(c.DepartmentId, Zh(c.DepartmentId), En(c.DepartmentId), c.Class, c.EffectiveOn));

        var catalogue = await LatestCatalogueAsync(cancellationToken);
        var labels = catalogue is null ? [] : new[] { catalogue.Base }.Concat(catalogue.Variants.Values).SelectMany(c => c.Inputs)
            .DistinctBy(i => i.Id).ToDictionary(i => i.Id, i => i.Label, StringComparer.Ordinal);
        var since = today.AddYears(-1);
        var events = await db.Set<SupervisionEvent>().AsNoTracking()
            .Where(e => ids.Contains(e.EnterpriseId) && e.OccurredOn >= since && e.OccurredOn <= today).ToListAsync(cancellationToken);
        foreach (var e in events)
        {
            var label = labels.TryGetValue(e.InputId, out var l) ? l : new Text(e.InputId, e.InputId);
            result[e.EnterpriseId].Add(new EventFact(e.Id, e.DepartmentId, Zh(e.DepartmentId), En(e.DepartmentId), e.InputId, label.Zh, label.En,
                e.Value, e.OccurredOn, e.FiredVetoes));
        }

        if (catalogue?.Sme is { } scheme)
        {
            var levels = scheme.Levels.Select(l => (l.Id, l.Name.Zh, l.Name.En)).ToList();
            var standings = await db.Set<SmeStandingRecord>().AsNoTracking().Where(s => ids.Contains(s.EnterpriseId)).ToListAsync(cancellationToken);
            foreach (var s in standings)
                result[s.EnterpriseId].Add(new SmeLevelFact(s.Level, s.Since, s.ValidUntil, s.BannedUntil, levels,
                    (int)scheme.Promotion.VetoWait.Months, scheme.Promotion.LapseDrop));
        }
        return result;
    }

    /// <summary>A small enterprise's level as the consequence rules see it (null without the scheme or a level record).</summary>
    public static SmeLevelFact? LevelFact(CatalogueSet set, SmeStandingRecord? record) =>
        set.Sme is { } scheme && record is not null
            ? new SmeLevelFact(record.Level, record.Since, record.ValidUntil, record.BannedUntil,
                [.. scheme.Levels.Select(l => (l.Id, l.Name.Zh, l.Name.En))], (int)scheme.Promotion.VetoWait.Months, scheme.Promotion.LapseDrop)
            : null;

    // The newest campaign's catalogue names the inputs and holds the small-enterprise scheme.
    private async Task<CatalogueSet?> LatestCatalogueAsync(CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.PublishOn)
            .FirstOrDefaultAsync(cancellationToken);
        return campaign is null ? null : catalogues.VersionOf(campaign);
    }
}
