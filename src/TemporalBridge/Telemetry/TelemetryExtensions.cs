using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The <c>service.name</c> every span and metric carries.</summary>
    public const string ServiceName = "temporal-bridge";

    /// <summary>
    /// OpenTelemetry traces (incoming ASP.NET Core requests, outgoing HttpClient calls to vcita and the Graph API)
    /// and metrics (the same two, the .NET runtime, and the bridge's own <see cref="BridgeMetrics"/>), exported over
    /// OTLP only when <see cref="OtlpExport"/> is configured. Temporal's own calls go over gRPC from the SDK's native
    /// core, which these instrumentations do not see.
    /// </summary>
    public static void AddBridgeTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BridgeMetrics>();
        builder.Services.AddSingleton<DeliveryOutcomeInterceptor>();
        builder.Services.AddBridgeWorker().ConfigureOptions()
            .Configure<DeliveryOutcomeInterceptor>((worker, deliveries) => worker.Interceptors = [.. worker.Interceptors ?? [], deliveries]);

        var export = OtlpExport.IsConfigured(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !PersonalRequests.IsPersonal(request));
                if (export)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(BridgeMetrics.MeterName);
                if (export)
                {
                    metrics.AddOtlpExporter();
                }
            });
    }
}
