extern alias Sandbox;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TemporalBridge.Tests.Sandbox.WhatsApp;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;
using InboundCalls = Sandbox::TemporalBridge.Sandbox.Timeline.InboundCalls;
using WireTimeline = Sandbox::TemporalBridge.Sandbox.Timeline.WireTimeline;

namespace TemporalBridge.Tests.Sandbox.Timeline;

/// <summary>The sandbox's record of what crossed the wire, and its live feed of server-sent events.</summary>
public sealed class WireTimelineTests
{
    private const string WaId = "15551234567";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("/whatsapp-emulator/graph/v23.0/1234567890/messages", "whatsapp")]
    [InlineData("/messenger-emulator/graph/v23.0/me/messages", "messenger")]
    [InlineData("/vcita-emulator/business/communication/messages", "vcita")]
    [InlineData("/vcita-emulator/oauth/token", "vcita")]
    [InlineData("/vcita-emulator/_control/state", null)]
    [InlineData("/vcita-emulator/app/oauth/authorize", null)]
    [InlineData("/vcita-emulator", null)]
    [InlineData("/vcita-emulator/", null)]
    [InlineData("/whatsapp-emulator/_control/messages", null)]
    [InlineData("/whatsapp-emulator/lookaside/whatsapp_business/attachments/1", null)]
    [InlineData("/meta-emulator/dialog/oauth", null)]
    [InlineData("/sandbox/timeline", null)]
    public void OnlyTheEmulatedApisTheBridgeCallsAreOnTheTimeline(string path, string? service) =>
        InboundCalls.ServiceOf(new PathString(path)).Should().Be(service);

    [Fact]
    public async Task AWatcherGetsTheKeptCallsAfterItsIdThenEachNewOne()
    {
        var timeline = new WireTimeline(TimeProvider.System);
        timeline.Record("to_bridge", "whatsapp", "POST", "/webhooks/whatsapp", 200, TimeSpan.FromMilliseconds(3));
        var second = timeline.Record("from_bridge", "whatsapp", "POST", "/whatsapp-emulator/graph/v23.0/1/messages", 200, TimeSpan.Zero);
        using var cancel = new CancellationTokenSource(Deadline);

        var seen = new List<long>();
        await foreach (var call in timeline.WatchAsync(afterId: 1, cancel.Token))
        {
            seen.Add(call.Id);
            if (seen.Count == 1)
            {
                timeline.Record("to_bridge", "vcita", "POST", "/vcita/messages", 201, TimeSpan.Zero);
            }
            else
            {
                break;
            }
        }

        seen.Should().Equal(second.Id, second.Id + 1);
    }

    [Fact]
    public async Task OnlyTheNewestCallsAreKept()
    {
        var timeline = new WireTimeline(TimeProvider.System);
        for (var i = 0; i < WireTimeline.Capacity + 5; i++)
        {
            timeline.Record("to_bridge", "whatsapp", "POST", "/webhooks/whatsapp", 200, TimeSpan.Zero);
        }
        using var cancel = new CancellationTokenSource();

        var first = await timeline.WatchAsync(0, cancel.Token).FirstAsync();

        first.Id.Should().Be(6, "the five oldest made room");
    }

    [Fact]
    public async Task AUsersWebhookAndTheBridgesGraphCallArriveAsEventsWithTheAnswersAndNoControlCalls()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Hi" } })).EnsureSuccessStatusCode();

        // The send's own status webhooks may overtake the Graph call's record: read until both are seen.
        var graphCall = ("call", "from_bridge", "whatsapp", "POST", $"{Graph}/{PhoneNumberId}/messages", 200);
        var calls = await ReadAsync(http, until: read => read.Select(Summary).Contains(graphCall));

        Summary(calls[0]).Should().Be(("call", "to_bridge", "whatsapp", "POST", "/webhooks/whatsapp", 200), "the user's message came first");
        calls.Select(Summary).Should().OnlyContain(call => call.Equals(graphCall) || call.Path == "/webhooks/whatsapp", "control calls are not on the timeline");
        calls.Select(c => c.EventId).Should().Equal(calls.Select(c => c.Data["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task EachCallCarriesTheWorkflowItsBodyNamesAndTheSettingsSayWhereTheUiOpensIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var wamid = await UserWritesAsync(http, WaId);
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Hi" }, biz_opaque_callback_data = "delivery-out:Ch1:m1" }))
            .EnsureSuccessStatusCode();

        var calls = await ReadAsync(http, until: read => read.Any(c => c.Data["direction"]!.GetValue<string>() == "from_bridge"));
        var settings = await http.GetFromJsonAsync<JsonNode>("/sandbox/timeline/settings");

        calls[0].Data["workflow"]!.GetValue<string>().Should().Be($"delivery-in:whatsapp:{wamid}");
        calls.Single(c => c.Data["direction"]!.GetValue<string>() == "from_bridge").Data["workflow"]!.GetValue<string>().Should().Be("delivery-out:Ch1:m1");
        settings!["workflows"]!.GetValue<string>().Should().Be("http://localhost:8233/namespaces/default/workflows/");
    }

    [Fact]
    public async Task WithoutATemporalUiTheSettingsLinkNothingAndANamespaceIsEscaped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var without = new WhatsAppEmulatorApplication(receiver).WithSetting("Sandbox:TemporalUiUrl", "");
        await using var elsewhere = new WhatsAppEmulatorApplication(receiver)
            .WithSetting("Sandbox:TemporalUiUrl", "https://temporal.example/").WithSetting("Sandbox:TemporalNamespace", "team a");

        var none = await without.CreateHttp().GetFromJsonAsync<JsonNode>("/sandbox/timeline/settings");
        var other = await elsewhere.CreateHttp().GetFromJsonAsync<JsonNode>("/sandbox/timeline/settings");

        none!["workflows"].Should().BeNull();
        other!["workflows"]!.GetValue<string>().Should().Be("https://temporal.example/namespaces/team%20a/workflows/");
    }

    private static (string Type, string Direction, string Service, string Method, string Path, int Status) Summary((string EventType, string? EventId, JsonNode Data) call) =>
        (call.EventType, call.Data["direction"]!.GetValue<string>(), call.Data["service"]!.GetValue<string>(),
            call.Data["method"]!.GetValue<string>(), call.Data["path"]!.GetValue<string>(), call.Data["status"]!.GetValue<int>());

    [Fact]
    public async Task AReconnectingReaderGetsOnlyWhatItMissedAndARefusedCallKeepsItsStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        var first = (await ReadAsync(http, count: 1)).Single();
        using var withoutToken = emulator.CreateHttp(token: null);
        (await GraphSendAsync(withoutToken, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Hi" } }))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Add("Last-Event-ID", first.EventId);
        var missed = (await ReadAsync(http, count: 1)).Single();

        missed.Data["id"]!.GetValue<long>().Should().Be(long.Parse(first.EventId!, System.Globalization.CultureInfo.InvariantCulture) + 1);
        missed.Data["direction"]!.GetValue<string>().Should().Be("from_bridge");
        missed.Data["status"]!.GetValue<int>().Should().Be(401);
    }

    /// <summary>The first <paramref name="count"/> events of the feed, read as a browser's EventSource reads them.</summary>
    private static Task<List<(string EventType, string? EventId, JsonNode Data)>> ReadAsync(HttpClient http, int count) =>
        ReadAsync(http, until: read => read.Count == count);

    /// <summary>The feed's events, read as a browser's EventSource reads them, until <paramref name="until"/> holds.</summary>
    private static async Task<List<(string EventType, string? EventId, JsonNode Data)>> ReadAsync(
        HttpClient http, Func<List<(string EventType, string? EventId, JsonNode Data)>, bool> until)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        using var response = await http.GetAsync("/sandbox/timeline", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        var events = new List<(string, string?, JsonNode)>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancel.Token))
        {
            events.Add((item.EventType, item.EventId, JsonNode.Parse(item.Data)!));
            if (until(events))
            {
                break;
            }
        }
        return events;
    }
}
