using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TemporalBridge.Temporal;

namespace TemporalBridge.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>Short, so a probe answers before its own timeout even when a dependency hangs.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void AddHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddRedis(
                services => services.GetRequiredService<IConnectionMultiplexer>(),
                name: "redis", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<TemporalHealthCheck>("temporal", tags: [ReadyTag], timeout: CheckTimeout);

    /// <summary>Mapped in every role: the API and the worker are probed the same way.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. No dependency is checked, so a Redis or Temporal outage never gets the
        // container restarted — restarting would not bring them back.
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponse.WriteAsync,
        });

        // Ready: can handle work now, i.e. Redis and Temporal both answer. 503 otherwise.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
    }
}
