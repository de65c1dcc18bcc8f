namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>A clock that never moves: tests never depend on the wall clock.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2018, 6, 15, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
