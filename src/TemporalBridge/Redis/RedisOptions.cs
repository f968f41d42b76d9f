using TemporalBridge.Hosting;

namespace TemporalBridge.Redis;

/// <summary>The <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    [RequiredSetting("Redis:Connection")]
    public string Connection { get; set; } = "localhost:6379";
}
