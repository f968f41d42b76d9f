using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TemporalBridge.Limits;

namespace TemporalBridge.Health;

public static class HealthApi
{
    /// <summary>Mapped in every role: the API and the worker are probed the same way.</summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Never rate limited: a refused probe would take the service out of rotation. Probes send no body.
        var group = app.MapGroup("/health").WithTags("Health").WithBodyLimit(BodyLimits.None);

        // Live: the process answers. No dependency is checked, so a Redis or Temporal outage never gets the
        // container restarted — restarting would not bring them back.
        group.MapHealthChecks("/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponse.WriteAsync,
        }).WithMetadata(ProbeMethods);

        // Ready: can accept work now. Temporal down: 503 Unhealthy. Redis down: 200 "Degraded", naming Redis — the
        // bridge still hands every event over, through Temporal (see HealthExtensions.AddHealth for why).
        group.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthExtensions.ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(ProbeMethods);

        return group;
    }

    /// <summary>Probes read: anything else is 405, as for every other route.</summary>
    private static readonly HttpMethodMetadata ProbeMethods = new([HttpMethods.Get, HttpMethods.Head]);
}
