using System.ComponentModel;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Shared;

namespace Evaluation.Web.Features.DepartmentData.Api;

internal static class RatingsEndpoint
{
    /// <summary>Answered from <see cref="PublicRatings"/>: loaded once per credit code and rating change (ADR 0017).</summary>
    public static async Task<IResult> GetAsync(
        [Description("统一社会信用代码（18位，大小写不敏感）/ the unified social credit code (18 characters, any case)")] string creditCode,
        PublicRatings ratings, TimeProvider clock, CancellationToken cancellationToken) =>
        !CreditCode.TryParse(creditCode, out _)
            ? ApiProblems.Result(ApiProblems.Validation, "信用代码格式或校验位有误 / not a valid unified social credit code",
                [new FieldError(null, "creditCode", "须为18位统一社会信用代码，校验位正确 / 18 characters with a valid check character")])
            : await ratings.RatingAsync(creditCode, clock.NingboToday(), cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : ApiProblems.Result(ApiProblems.NotFound, $"没有信用代码为 {creditCode} 的已发布评价 / no published rating for credit code {creditCode}");
}
