using Evaluation.Web.Features.Shared;

namespace Evaluation.Web.Tests.Shared;

public sealed class NingboCalendarTests
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2026-11-22T15:59:59Z", "2026-11-22")] // 23:59:59 in Ningbo
    [InlineData("2026-11-22T16:00:00Z", "2026-11-23")] // midnight in Ningbo, still the 22nd in UTC
    [InlineData("2026-12-31T20:00:00Z", "2027-01-01")] // a new year in Ningbo first
    [InlineData("2026-11-23T01:00:00+09:00", "2026-11-23")] // the offset of the clock's answer does not matter
    public void TodayIsTheCalendarDateInNingbo(string now, string expected) =>
        new At(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)).NingboToday()
            .ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
}
