using Evaluation.Engine;
using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>Mean category points of the same industry variant's scorecards, for the radar beside the enterprise's own.</summary>
internal sealed record IndustryAverage(string Campaign, int Enterprises, IReadOnlyDictionary<string, decimal> Categories);

/// <summary>
/// Reads the latest campaign on the same catalogue that has scorecards for the variant (this one once others
/// have submitted, else the last one): an enterprise compares itself with peers judged by the same rules.
/// </summary>
internal sealed class IndustryAverages(EvaluationDbContext db, CampaignCatalogues catalogues)
{
    public Task<IndustryAverage?> ForAsync(Draft draft, CancellationToken cancellationToken) =>
        ForAsync(draft.Campaign, draft.Enterprise, draft.Catalogue, cancellationToken);

    /// <summary>The average for <paramref name="enterprise"/>'s peers; <paramref name="catalogue"/> is its variant of the campaign's catalogue.</summary>
    public async Task<IndustryAverage?> ForAsync(Campaigns.Campaign campaign, Enterprises.Enterprise enterprise, Rules.Model.Catalogue catalogue,
        CancellationToken cancellationToken)
    {
        var variant = catalogue.Variant?.Id;
        var peers = await (
                from a in db.Applications
                join c in db.Campaigns on a.CampaignId equals c.Id
                join e in db.Enterprises on a.EnterpriseId equals e.Id
                where c.CatalogueId == campaign.CatalogueId && c.Year <= campaign.Year && e.Id != enterprise.Id
                    && db.ScoreCardSnapshots.Any(s => s.ApplicationId == a.Id)
                select new { a.Id, c.Year, c.Name, c.CatalogueVersion, e.IndustryCode })
            .ToListAsync(cancellationToken);
        // The variant is chosen by code prefixes in the catalogue, so it is matched here rather than in SQL.
        var sameVariant = peers.Where(p => catalogues.For(campaign.CatalogueId, p.CatalogueVersion, "", p.IndustryCode).Variant?.Id == variant)
            .GroupBy(p => (p.Year, p.Name)).OrderByDescending(g => g.Key.Year).FirstOrDefault();
        if (sameVariant is null) return null;
        var ids = sameVariant.Select(p => p.Id).ToList();
        var cards = (await db.ScoreCardSnapshots.Where(s => ids.Contains(s.ApplicationId))
                .Select(s => new { s.ApplicationId, s.CreatedAt, s.ScoreCardJson }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ApplicationId).Select(g => g.MaxBy(s => s.CreatedAt)!.ScoreCardJson).ToList();
        return new IndustryAverage(sameVariant.Key.Name, cards.Count, Mean(cards));
    }

    private static Dictionary<string, decimal> Mean(List<string> cards)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var card in cards)
            foreach (var c in ScoreCardJson.Read(card).Categories)
                sums[c.Id] = sums.GetValueOrDefault(c.Id) + c.Points;
        return sums.ToDictionary(s => s.Key, s => Math.Round(s.Value / cards.Count, 2), StringComparer.Ordinal);
    }
}
