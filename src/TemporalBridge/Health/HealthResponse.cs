using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TemporalBridge.Health;

/// <summary>
/// The JSON body of the health endpoints: the overall status and each check by name, so whoever reads a failing
/// probe sees which dependency is down — and no more: this endpoint is not authenticated, so where Temporal is, its
/// namespace and the transport error stay in the log (the health check service logs each failing check with its
/// description), and the world reads "available" or "unavailable".
/// </summary>
internal sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckEntry> Checks)
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var response = new HealthResponse(
            report.Status.ToString(),
            [.. report.Entries.Select(entry => new HealthCheckEntry(
                entry.Key,
                entry.Value.Status.ToString(),
                entry.Value.Status == HealthStatus.Healthy ? "available" : "unavailable",
                entry.Value.Duration.TotalMilliseconds))]);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            context.Response.Body, response, HealthJsonContext.Default.HealthResponse, context.RequestAborted);
    }
}

internal sealed record HealthCheckEntry(string Name, string Status, string? Description, double DurationMs);

[JsonSerializable(typeof(HealthResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
