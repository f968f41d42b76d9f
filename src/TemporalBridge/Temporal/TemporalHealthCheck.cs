using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace TemporalBridge.Temporal;

/// <summary>Ready only when the Temporal frontend answers its gRPC health check through our own client.</summary>
internal sealed class TemporalHealthCheck(ITemporalClient client, IOptions<TemporalOptions> temporal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var server = $"Temporal at {temporal.Value.Address} (namespace {temporal.Value.Namespace})";
        try
        {
            // The lazy client connects on first use. ConnectAsync takes no token, so WaitAsync holds it to the
            // check's timeout; the attempt goes on in the background and a later check reuses the connection.
            await client.Connection.ConnectAsync().WaitAsync(cancellationToken);
            var serving = await client.Connection.CheckHealthAsync(
                options: new RpcOptions { CancellationToken = cancellationToken });
            return serving
                ? HealthCheckResult.Healthy($"{server} is serving")
                : HealthCheckResult.Unhealthy($"{server} answered but is not serving");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason, without the stack trace: probes run every few seconds and each failure is logged.
            return HealthCheckResult.Unhealthy($"{server} is not reachable: {e.Message}");
        }
    }
}
