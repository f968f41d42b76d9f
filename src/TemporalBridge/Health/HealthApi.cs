using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace TemporalBridge.Health;

public static class HealthApi
{
    /// <summary>Mapped in every role: the API and the worker are probed the same way.</summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");

        // Live: the process answers. No dependency is checked, so a Redis or Temporal outage never gets the
        // container restarted — restarting would not bring them back.
        group.MapHealthChecks("/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponse.WriteAsync,
        });

        // Ready: can handle work now, i.e. Redis and Temporal both answer. 503 otherwise.
        group.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthExtensions.ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });

        return group;
    }
}
