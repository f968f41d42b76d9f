using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>A user's media: looked up by id, downloaded with the bearer token from a URL that lives five minutes.</summary>
public sealed class WhatsAppMediaTests
{
    private const string WaId = "15551234567";

    [Fact]
    public async Task AUsersImageIsLookedUpAndDownloadedWithTheBearer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        var content = "a small picture"u8.ToArray();
        var mediaId = await UserSendsImageAsync(http, receiver, Convert.ToBase64String(content));

        var info = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{mediaId}"))!;
        var download = await http.GetAsync(info["url"]!.GetValue<string>());

        info["id"]!.GetValue<string>().Should().Be(mediaId);
        info["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
        info["mime_type"]!.GetValue<string>().Should().Be("image/jpeg");
        info["file_size"]!.GetValue<long>().Should().Be(content.Length);
        info["sha256"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Fact]
    public async Task GeneratedMediaMatchesTheHashInTheWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        var mediaId = await UserSendsImageAsync(http, receiver, contentBase64: null);
        var webhookHash = receiver.Received[0].Value["messages"]![0]!["image"]!["sha256"]!.GetValue<string>();

        var info = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{mediaId}"))!;
        var bytes = await http.GetByteArrayAsync(info["url"]!.GetValue<string>());

        bytes.Should().NotBeEmpty();
        Convert.ToBase64String(SHA256.HashData(bytes)).Should().Be(webhookHash);
    }

    [Fact]
    public async Task TheDownloadNeedsTheBearer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        using var anonymous = emulator.CreateHttp(token: null);
        var mediaId = await UserSendsImageAsync(http, receiver, contentBase64: null);
        var url = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{mediaId}"))!["url"]!.GetValue<string>();

        var response = await anonymous.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]!.GetValue<int>().Should().Be(190);
    }

    [Fact]
    public async Task TheUrlStopsWorkingAfterFiveMinutesAndANewLookupGivesAFreshOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        var mediaId = await UserSendsImageAsync(http, receiver, contentBase64: null);
        var url = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{mediaId}"))!["url"]!.GetValue<string>();

        emulator.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var justInTime = await http.GetAsync(url);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await http.GetAsync(url);
        var fresh = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{mediaId}"))!["url"]!.GetValue<string>();

        justInTime.StatusCode.Should().Be(HttpStatusCode.OK);
        expired.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync(fresh)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownMediaIdIsError100()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await http.GetAsync($"{Graph}/1234567890123456");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]!.GetValue<int>().Should().Be(100);
    }

    [Fact]
    public async Task TheLookupNeedsTheBearer()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp("wrong");

        var response = await http.GetAsync($"{Graph}/1234567890123456");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> UserSendsImageAsync(HttpClient http, WebhookReceiver receiver, string? contentBase64)
    {
        await CreateUserAsync(http, WaId);
        await UserSendsAsync(http, new { from = WaId, type = "image", image = new { caption = "look", content_base64 = contentBase64 } });
        var webhook = (await receiver.WaitForCountAsync(1))[0];
        return webhook.Value["messages"]![0]!["image"]!["id"]!.GetValue<string>();
    }
}
