using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Tests.Supervision;

public sealed class RatingDowngradeTests
{
    private static Rating Published(Grade grade) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, grade,
        new DateOnly(2017, 10, 1), new DateOnly(2019, 9, 30), new DateTime(2017, 9, 15, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Downgrade_LowersTheGrade_AndTheRatingStaysPublished()
    {
        var rating = Published(Grade.A);
        rating.Downgrade(Grade.D, "一票否决");
        (rating.Grade, rating.Status).ShouldBe((Grade.D, RatingStatus.Published));
    }

    [Theory]
    [InlineData("B", "B")]
    [InlineData("C", "A")]
    public void Downgrade_ToTheSameOrAHigherGrade_IsRefused(string from, string to) =>
        Should.Throw<ArgumentException>(() => Published(Enum.Parse<Grade>(from)).Downgrade(Enum.Parse<Grade>(to), "why"));

    [Fact]
    public void Downgrade_WithoutAReason_OrOfARevokedRating_IsRefused()
    {
        Should.Throw<ArgumentException>(() => Published(Grade.A).Downgrade(Grade.D, " "));
        var revoked = Published(Grade.A);
        revoked.Revoke("撤销", DateTime.UtcNow);
        Should.Throw<InvalidOperationException>(() => revoked.Downgrade(Grade.D, "why"));
    }
}
