namespace TemporalBridge.Tests.Sandbox;

/// <summary>A clock that moves only when the test says so (timers still run on real time).</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}
