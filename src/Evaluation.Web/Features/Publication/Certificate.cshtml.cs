using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// The printable certificate (证书) of an enterprise's newest rating while it is valid (<see cref="RatingStanding"/>:
/// published, not downgraded, within its validity today in Ningbo). It carries the full address of its verification
/// page (<see cref="VerifyModel"/>) as text and as a QR code, so that anyone holding the paper can check it. A revoked,
/// downgraded or expired rating has none: the page answers 404 and says why, with a link to the enterprise's page.
/// </summary>
internal sealed class CertificateModel(EvaluationDbContext db, Publishing publishing, IConfiguration configuration) : PageModel
{
    public Enterprise? Enterprise { get; private set; }
    public RatingStanding? Standing { get; private set; }
    public string VerificationUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        Enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        var newest = Enterprise is null ? null : await db.Ratings.AsNoTracking().Where(r => r.EnterpriseId == Enterprise.Id)
            .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r, c.Name })
            .OrderByDescending(x => x.r.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        if (newest is not null)
        {
            var changes = await db.Set<RatingChange>().AsNoTracking().Where(c => c.RatingId == newest.r.Id).ToListAsync(cancellationToken);
            Standing = RatingStanding.Of(newest.r, newest.Name, changes, publishing.Today);
        }
        if (Standing is not { HasCertificate: true })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        VerificationUrl = CertificateCode.VerificationUrl(Request, configuration, Standing.Rating.Id);
        QrSvg = CertificateCode.Svg(VerificationUrl);
        return Page();
    }
}
