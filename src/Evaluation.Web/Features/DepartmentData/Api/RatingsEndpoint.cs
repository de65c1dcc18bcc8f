using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.DepartmentData.Api;

internal static class RatingsEndpoint
{
    /// <summary>Answered from <see cref="PublicRatings"/>: loaded once per credit code and rating change (ADR 0017).</summary>
    public static async Task<IResult> GetAsync(string creditCode, PublicRatings ratings, CancellationToken cancellationToken) =>
        await ratings.RatingAsync(creditCode, cancellationToken) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();
}
