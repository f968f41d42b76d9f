using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TemporalBridge.Temporal;

namespace TemporalBridge.Health;

public static class HealthExtensions
{
    /// <summary>The checks /health/ready runs.</summary>
    internal const string ReadyTag = "ready";

    /// <summary>Short, so a probe answers before its own timeout even when a dependency hangs.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Redis down is Degraded, not Unhealthy: it is only a cache, and the bridge hands every event to Temporal
    /// without it (slower). Readiness decides whether the load balancer sends this replica traffic, and every
    /// replica shares one Redis, so failing readiness on Redis would take the whole service out of rotation while it
    /// could still serve — Meta's and vcita's webhooks would then fail at the load balancer instead of being handed
    /// over. Temporal down is Unhealthy: without it nothing can be accepted.
    /// </summary>
    public static void AddHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddRedis(
                services => services.GetRequiredService<IConnectionMultiplexer>(),
                name: "redis", failureStatus: HealthStatus.Degraded, tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<TemporalHealthCheck>("temporal", tags: [ReadyTag], timeout: CheckTimeout);
}
