using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>
/// Certificate verification (证书核验), the page a certificate's QR code opens: whose certificate this is, for which
/// campaign and grade, and whether it stands today — valid until when, or expired, revoked or downgraded since when
/// and why. Public, like the directory; an unknown certificate answers 404 and says so.
/// </summary>
internal sealed class VerifyModel(EvaluationDbContext db, TimeProvider clock) : PageModel
{
    public Enterprise? Enterprise { get; private set; }
    public RatingStanding? Standing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await db.Ratings.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Enterprises, r => r.EnterpriseId, e => e.Id, (r, e) => new { r, e })
            .Join(db.Campaigns, x => x.r.CampaignId, c => c.Id, (x, c) => new { x.r, x.e, c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var changes = await db.Set<RatingChange>().AsNoTracking().Where(c => c.RatingId == id).ToListAsync(cancellationToken);
        (Enterprise, Standing) = (found.e, RatingStanding.Of(found.r, found.Name, changes, clock.NingboToday()));
        return Page();
    }
}
