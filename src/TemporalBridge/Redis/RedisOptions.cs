using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Redis;

/// <summary>The <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    [RequiredSetting("Redis:Connection")]
    public string Connection { get; set; } = "localhost:6379";

    /// <summary>
    /// How long one command may take before it counts as a failure (a cache miss). Redis answers in well under a
    /// millisecond when it is healthy, so a second only ever runs out when it hangs; StackExchange.Redis's own default
    /// (5 s) would hold every webhook that much longer per lookup.
    /// </summary>
    [Range(50, 60_000, ErrorMessage = "Redis:TimeoutMs must be between 50 and 60000 (environment variable Redis__TimeoutMs)")]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>How long one connection attempt may take, the first one included (it runs when the service first needs Redis).</summary>
    [Range(50, 60_000, ErrorMessage = "Redis:ConnectTimeoutMs must be between 50 and 60000 (environment variable Redis__ConnectTimeoutMs)")]
    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// After a failed call, how long the cache is not asked at all (every lookup is a miss, every write skipped), so
    /// a Redis that hangs costs one timeout per this period instead of one per lookup.
    /// </summary>
    [Range(0, 600_000, ErrorMessage = "Redis:SkipAfterFailureMs must be between 0 and 600000 (environment variable Redis__SkipAfterFailureMs)")]
    public int SkipAfterFailureMs { get; set; } = 5000;
}
