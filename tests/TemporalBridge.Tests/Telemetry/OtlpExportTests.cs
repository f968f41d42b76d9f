using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using TemporalBridge.Telemetry;
using TemporalBridge.Testing;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>Traces and metrics leave the process over OTLP only when an endpoint is configured.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnEndpointConfiguredTracesAreSentThereOverOtlp()
    {
        var port = FreePort.Next();
        using var collector = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        collector.Start();
        var received = collector.GetContextAsync();
        await using var app = new BridgeApplication()
            .WithSetting(OtlpExport.EndpointVariable, $"http://127.0.0.1:{port}")
            .WithSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        using var client = app.CreateClient();

        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(timeoutMilliseconds: 10_000);

        var request = await received.WaitAsync(TimeSpan.FromSeconds(10));
        request.Request.HttpMethod.Should().Be("POST");
        request.Request.Url!.AbsolutePath.Should().Be("/v1/traces");
        request.Request.ContentType.Should().Be("application/x-protobuf");
        request.Response.StatusCode = 200;
        request.Response.Close();
    }

    [Fact]
    public async Task WithoutAnEndpointNoOtlpExporterIsRegistered()
    {
        List<Type> configured = [], unconfigured = [];
        await using (var app = new BridgeApplication().WithSetting(OtlpExport.EndpointVariable, "http://127.0.0.1:4317")
            .WithServices(s => configured = [.. s.Select(d => d.ServiceType)]))
        {
            _ = app.Services;
        }
        await using (var app = new BridgeApplication().WithServices(s => unconfigured = [.. s.Select(d => d.ServiceType)]))
        {
            _ = app.Services;
        }

        configured.Should().Contain(t => IsOtlpOptions(t), "the check below must see the exporter's registrations when there is one");
        unconfigured.Should().NotContain(t => IsOtlpOptions(t));
    }

    private static bool IsOtlpOptions(Type type) => type.GenericTypeArguments.Contains(typeof(OtlpExporterOptions));
}
