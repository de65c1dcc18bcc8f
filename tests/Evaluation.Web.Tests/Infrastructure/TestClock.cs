namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: it stands at <see cref="Start"/> and moves only when a test moves it, so no
/// test depends on the wall clock.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2018, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = Start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
