namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The printable certificate (证书) of an enterprise's current rating: published and valid today (Ningbo time); a revoked
/// or expired rating has none.
/// </summary>
internal sealed class CertificateModel(EvaluationDbContext db, Publishing publishing) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public Rating Rating { get; private set; } = null!;
    public string Campaign { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) return NotFound();
        var today = publishing.Today;
        var current = await db.Ratings.AsNoTracking().Where(r => r.EnterpriseId == enterprise.Id && r.Status == RatingStatus.Published
                && r.ValidFrom <= today && r.ValidTo >= today)
            .OrderByDescending(r => r.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        if (current is null) return NotFound();
        (Enterprise, Rating) = (enterprise, current);
        Campaign = await db.Campaigns.Where(c => c.Id == current.CampaignId).Select(c => c.Name).SingleAsync(cancellationToken);
        return Page();
    }
}
