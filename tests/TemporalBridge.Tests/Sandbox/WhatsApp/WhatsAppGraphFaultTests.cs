using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>Meta's errors on demand: the next Graph calls answer a chosen code with Meta's status and body, or a bare 5xx, or slowly.</summary>
public sealed class WhatsAppGraphFaultTests
{
    private const string WaId = "15551234567";

    private static readonly object Template = new
    {
        messaging_product = "whatsapp",
        to = WaId,
        type = "template",
        template = new { name = "hello", language = new { code = "en_US" } },
    };

    [Theory]
    [InlineData(130429, 400)]
    [InlineData(131047, 400)]
    [InlineData(131056, 400)]
    [InlineData(131026, 400)]
    [InlineData(131050, 400)]
    [InlineData(131000, 500)]
    [InlineData(190, 401)]
    public async Task AnInjectedCodeAnswersMetasStatusAndBodyOnce(int code, int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        (await http.PostAsJsonAsync($"{Control}/faults", new { code })).EnsureSuccessStatusCode();

        var faulted = await GraphSendAsync(http, Template);
        var next = await GraphSendAsync(http, Template);

        ((int)faulted.StatusCode).Should().Be(status);
        var error = (await faulted.Content.ReadFromJsonAsync<JsonNode>())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(code);
        error["type"]!.GetValue<string>().Should().Be("OAuthException");
        error["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        error["fbtrace_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        if (code != 190)
        {
            error["message"]!.GetValue<string>().Should().StartWith($"(#{code}) ");
            error["error_data"]!["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
            error["error_data"]!["details"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        }

        next.StatusCode.Should().Be(HttpStatusCode.OK, "the fault was for one call");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task AnInjectedGatewayErrorIsABare5xx(int status)
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        (await http.PostAsJsonAsync($"{Control}/faults", new { http_status = status, count = 2 })).EnsureSuccessStatusCode();

        var first = await GraphSendAsync(http, Template);
        var second = await GraphSendAsync(http, Template);

        ((int)first.StatusCode).Should().Be(status);
        ((int)second.StatusCode).Should().Be(status);
        first.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
    }

    [Fact]
    public async Task AFaultForOneRecipientLeavesOthersAlone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        (await http.PostAsJsonAsync($"{Control}/faults", new { code = 131056, to = WaId })).EnsureSuccessStatusCode();

        var other = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            to = "15550009999",
            type = "template",
            template = new { name = "hello", language = new { code = "en_US" } },
        });
        var targeted = await GraphSendAsync(http, Template);

        other.StatusCode.Should().Be(HttpStatusCode.OK);
        targeted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await targeted.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]!.GetValue<int>().Should().Be(131056);
    }

    [Fact]
    public async Task AFaultForSendsIsNotUsedUpByATypingIndicator()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var inbound = await UserWritesAsync(http, WaId);
        (await http.PostAsJsonAsync($"{Control}/faults", new { code = 130429, operation = "send" })).EnsureSuccessStatusCode();

        var typing = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            status = "read",
            message_id = inbound,
            typing_indicator = new { type = "text" },
        });
        var send = await GraphSendAsync(http, Template);

        typing.StatusCode.Should().Be(HttpStatusCode.OK);
        (await send.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]!.GetValue<int>().Should().Be(130429);
    }

    [Fact]
    public async Task ASlowAnswerWaitsItsDelayOnTheEmulatorClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        (await http.PostAsJsonAsync($"{Control}/faults", new { delay_ms = 30_000 })).EnsureSuccessStatusCode();
        var start = emulator.Clock.GetUtcNow();

        var send = GraphSendAsync(http, Template);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!send.IsCompleted && DateTime.UtcNow < deadline)
        {
            // The request may not have reached its delay yet: keep moving the clock until it answers.
            emulator.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(send, Task.Delay(20));
        }

        (await send).StatusCode.Should().Be(HttpStatusCode.OK, "a delay alone only slows the call");
        var call = (await ControlGetAsync(http, "graph-calls")).AsArray().Single()!;
        (call["at"]!.GetValue<DateTimeOffset>() - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AnUnknownCodeIsRefusedByTheControlApi()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await http.PostAsJsonAsync($"{Control}/faults", new { code = 42 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["code"].Should().NotBeNull();
    }
}
