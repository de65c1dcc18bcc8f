using System.Text.Json;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Enterprises;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// An enterprise's public page: its published ratings (revoked ones with the published reason) and, for the
/// current rating, the points per first-level category as a chart. Only category totals leave the snapshot:
/// never the facts, the indicators or the explanation.
/// </summary>
internal sealed class EnterprisePageModel(EvaluationDbContext db, CatalogueLibrary catalogues, Publishing publishing) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<(Rating Rating, string Campaign)> Ratings { get; private set; } = [];
    public Rating? Current { get; private set; }
    public IReadOnlyList<CategoryPoints> Categories { get; private set; } = [];
    public DateOnly Today => publishing.Today;

    internal sealed record CategoryPoints(string Zh, string En, decimal Points, decimal Max);

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) return NotFound();
        Enterprise = enterprise;
        Ratings = (await db.Ratings.AsNoTracking().Where(r => r.EnterpriseId == enterprise.Id)
                .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r, c.Name })
                .OrderByDescending(x => x.r.PublishedAt).ToListAsync(cancellationToken))
            .Select(x => (x.r, x.Name)).ToList();
        // Nothing about an enterprise that was never published: the directory shows results, not applicants.
        if (Ratings.Count == 0) return NotFound();
        Current = Ratings.Select(x => x.Rating).FirstOrDefault(r => r.Status == RatingStatus.Published);
        if (Current?.ScoreCardSnapshotId is { } snapshotId)
        {
            var snapshot = await db.ScoreCardSnapshots.AsNoTracking().Where(s => s.Id == snapshotId)
                .Select(s => new { s.CatalogueId, s.CatalogueVersion, s.ScoreCardJson }).SingleAsync(cancellationToken);
            Categories = CategoryTotals(snapshot.CatalogueId, snapshot.CatalogueVersion, snapshot.ScoreCardJson, enterprise.IndustryCode);
        }
        return Page();
    }

    private List<CategoryPoints> CategoryTotals(string catalogueId, string version, string json, string industry)
    {
        var catalogue = catalogues.Get(catalogueId, version).ForIndustry(industry);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("categories").EnumerateObject().Select(c =>
        {
            var category = catalogue.Categories.FirstOrDefault(x => x.Id == c.Name);
            return new CategoryPoints(category?.Name.Zh ?? c.Name, category?.Name.En ?? c.Name,
                decimal.Parse(c.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture), category?.Points ?? 0);
        }).ToList();
    }

    public string ChartJson() => JsonSerializer.Serialize(new
    {
        names = Categories.Select(c => $"{c.Zh}\n{c.En}"),
        points = Categories.Select(c => c.Points),
        max = Categories.Select(c => c.Max),
    });
}
