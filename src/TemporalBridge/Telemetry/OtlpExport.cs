namespace TemporalBridge.Telemetry;

/// <summary>
/// Whether traces and metrics leave the process over OTLP. Configured with the standard OpenTelemetry variables,
/// which collectors, operators and the exporter itself all know by these names (so they are read as they are, not
/// from a bridge section): <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns the export on; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// (<c>grpc</c>, the default, or <c>http/protobuf</c>) and <c>OTEL_EXPORTER_OTLP_HEADERS</c> are read by the exporter.
/// Without an endpoint nothing is exported, so the bridge never needs a collector to start.
/// </summary>
public static class OtlpExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointVariable]);
}
