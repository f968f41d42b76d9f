using StackExchange.Redis;
using TemporalBridge.Temporal;

namespace TemporalBridge.Health;

public static class HealthExtensions
{
    /// <summary>The checks /health/ready runs.</summary>
    internal const string ReadyTag = "ready";

    /// <summary>Short, so a probe answers before its own timeout even when a dependency hangs.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void AddHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddRedis(
                services => services.GetRequiredService<IConnectionMultiplexer>(),
                name: "redis", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<TemporalHealthCheck>("temporal", tags: [ReadyTag], timeout: CheckTimeout);
}
