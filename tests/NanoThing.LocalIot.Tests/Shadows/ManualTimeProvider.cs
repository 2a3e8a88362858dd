namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>A clock that moves only when a test says so.</summary>
internal sealed class ManualTimeProvider(long epochSeconds) : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(epochSeconds);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
