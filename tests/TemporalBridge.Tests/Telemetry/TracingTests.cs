using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>
/// The bridge's traces: a span for every request it serves and for every HTTP call it makes (here, vcita's staff
/// message in and the send to WhatsApp out), caught by an in-memory exporter added to the bridge's own pipeline.
/// </summary>
public sealed class TracingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AStaffMessageIsTracedFromVcitasRequestToTheCallThatSendsIt()
    {
        var spans = new List<Activity>();
        await using var conversation = await OutboundConversation.StartAsync(
            redis, bridgeSettings: bridge => bridge.WithServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        // Every host in this process reports to every tracing pipeline: tell this test's spans by their ports.
        var bridgePort = PortOf(conversation.Host.Host.Bridge.Services);
        var sandboxPort = conversation.Host.Host.SandboxUrl.Port;

        await conversation.StaffWritesAsync("staff-traced", "See you on Friday.");

        Activity[] seen;
        lock (spans)
        {
            seen = [.. spans];
        }
        seen.Should().Contain(
            s => s.Kind == ActivityKind.Server && Tag(s, "server.port") == bridgePort.ToString()
                && Tag(s, "http.route") == "/vcita/messages" && Tag(s, "http.request.method") == "POST" && Tag(s, "http.response.status_code") == "204",
            "the bridge traces vcita's request");
        seen.Should().Contain(
            s => s.Kind == ActivityKind.Client && Tag(s, "server.port") == sandboxPort.ToString() && Tag(s, "http.request.method") == "POST"
                && Tag(s, "url.full")!.EndsWith("/whatsapp-emulator/graph/v23.0/1234567890/messages", StringComparison.Ordinal),
            "the bridge traces its call to the Graph API");
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static int PortOf(IServiceProvider services) =>
        new Uri(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
}
