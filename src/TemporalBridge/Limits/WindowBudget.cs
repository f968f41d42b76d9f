using System.Threading.RateLimiting;

namespace TemporalBridge.Limits;

/// <summary>
/// A fixed window of <c>permits</c> requests: the window starts with the first request and the next one starts when
/// it ends. Unlike the framework's fixed window, a refusal says when this caller's window opens again — the time
/// left, which is what <c>Retry-After</c> must carry — not the window's whole length. No queue: a caller over its
/// budget is told at once, and holds no connection meanwhile.
/// </summary>
internal sealed class WindowBudget(int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock gate = new();
    private DateTimeOffset windowEnds = DateTimeOffset.MinValue;
    private int used;

    /// <summary>Idle once its window has passed: the framework may then let go of it.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                return now >= windowEnds ? now - windowEnds : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = time.GetUtcNow() >= windowEnds ? permits : permits - used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now >= windowEnds)
            {
                windowEnds = now + window;
                used = 0;
            }

            if (used + permitCount <= permits)
            {
                used += permitCount;
                return Granted.Lease;
            }

            return new Refused(windowEnds - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
