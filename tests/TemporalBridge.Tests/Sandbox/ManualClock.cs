namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// A clock that moves only when the test says so, timers included: a delay on this clock (e.g. a held-back
/// callback) ends when <see cref="Advance"/> passes its due time, never on its own.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    /// <summary>Timers waiting for their due time: a test advances the clock once the delay it means to end has begun.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt is { } at && at <= now).ToList();
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                this.period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
                if (!clock.timers.Contains(this))
                {
                    clock.timers.Add(this);
                }
            }
            if (dueTime == TimeSpan.Zero)
            {
                Fire();
            }
            return true;
        }

        public void Fire()
        {
            lock (clock.gate)
            {
                DueAt = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : clock.now + period;
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
