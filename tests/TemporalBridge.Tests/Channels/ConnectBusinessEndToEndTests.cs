extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Admin;
using TemporalBridge.Businesses;
using TemporalBridge.Temporal;
using TemporalBridge.Testing;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using CallbackLog = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.CallbackLog;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.Channels;

/// <summary>
/// A business connects, from the OAuth dance to a live vcita channel, with the bridge and the vcita emulator each on
/// a real loopback port calling each other over HTTP, and the offline kit as Temporal. vcita's confirmation comes
/// at once, so it races the create call.
/// </summary>
public sealed class ConnectBusinessEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string AdminKey = "test-admin-api-key";
    private const string Business = "devbusiness00001";

    private WebApplicationFactory<SandboxOptions> sandbox = null!;
    private BridgeApplication bridge = null!;
    private OfflineTemporalEnvironment temporal = null!;
    private HttpClient browser = null!;
    private HttpClient control = null!;

    public Task InitializeAsync()
    {
        var bridgeUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var sandboxUrl = $"http://127.0.0.1:{FreePort.Next()}";
        sandbox = new WebApplicationFactory<SandboxOptions>().WithWebHostBuilder(web => web
            .UseSetting("Sandbox:BridgeBaseUrl", bridgeUrl)
            .UseSetting("Sandbox:Vcita:WebhookSecret", "test-vcita-webhook-secret")
            .UseSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0"));
        sandbox.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, new Uri(sandboxUrl).Port));
        sandbox.StartServer();

        var link = new OfflineTemporalLink();
        bridge = new BridgeApplication()
            .WithRedis(redis)
            .WithSetting("Bridge:Roles", "api")
            .WithSetting("Vcita:ApiBaseUrl", $"{sandboxUrl}/vcita-emulator")
            .WithSetting("Vcita:AuthorizeBaseUrl", $"{sandboxUrl}/vcita-emulator")
            .WithSetting("Vcita:Apps:whatsapp:ClientId", "dev-vcita-client-id")
            .WithSetting("Vcita:Apps:whatsapp:ClientSecret", "dev-vcita-client-secret")
            .WithSetting("Vcita:Apps:whatsapp:RedirectUri", $"{bridgeUrl}/oauth/vcita/callback")
            .WithServices(link.Register);
        bridge.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, new Uri(bridgeUrl).Port));
        bridge.StartServer();

        temporal = link.Start(bridge.Services, TemporalExtensions.WorkerOptionsName);
        browser = new HttpClient { BaseAddress = new Uri(bridgeUrl) };
        control = new HttpClient { BaseAddress = new Uri(sandboxUrl) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        control.Dispose();
        await temporal.DisposeAsync();
        await bridge.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ABusinessAuthorizesConnectsANumberAndItsChannelComesAlive()
    {
        // OAuth: the bridge sends the browser to vcita's authorize page, which sends it back with a code.
        var connected = await browser.GetAsync("/oauth/vcita/start");
        connected.StatusCode.Should().Be(HttpStatusCode.OK, await connected.Content.ReadAsStringAsync());
        await temporal.RunUntilIdleAsync();
        var grant = await bridge.Services.GetRequiredService<IBusinessTokens>().GetAsync(Business);

        var channel = await ConnectAsync("106540352242922");
        await WaitForStatusAsync(channel.ChannelId, "active");

        var listed = (await ListAsync()).Should().ContainSingle().Subject;
        listed.Should().BeEquivalentTo(new { BusinessUid = Business, Provider = "whatsapp", DisplayName = "WhatsApp +1 555 078 3881", Status = "active" });
        sandbox.Services.GetRequiredService<CallbackLog>().Views()
            .Should().Contain(c => c.Url.EndsWith($"/vcita/channels/{listed.ChannelUid}", StringComparison.Ordinal)
                && c.State == "delivered" && c.Attempts.Last().StatusCode == 204);

        var secrets = new[] { grant.AccessToken, "dev-vcita-client-secret", "test-vcita-webhook-secret", AdminKey };
        foreach (var secret in secrets)
        {
            bridge.Logs.AllText.Should().NotContain(secret);
            HistoriesContaining(secret).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task DuplicatedAndReorderedChannelWebhooksLeaveTheRightFinalStatus()
    {
        var channel = await ConnectAsync("106540352242923");
        await WaitForStatusAsync(channel.ChannelId, "active");
        var uid = (await ListAsync()).Single().ChannelUid!;

        // A stale "pending", held back so that it arrives after the newer statuses, and a duplicated "blocked".
        await TriggerAsync(uid, "pending", delayMs: 300);
        await TriggerAsync(uid, "blocked", duplicate: true);
        await WaitForStatusAsync(channel.ChannelId, "blocked");
        await WaitForCallbacksAsync(expected: 4); // the activation, the held pending, and blocked twice

        (await ListAsync()).Single().Status.Should().Be("blocked");
    }

    private async Task<ChannelConnection> ConnectAsync(string phoneNumberId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/channels")
        {
            Content = JsonContent.Create(new
            {
                business_uid = Business,
                provider = "whatsapp",
                phone_number_id = phoneNumberId,
                display_number = "+1 555 078 3881",
            }),
        };
        request.Headers.Add("X-Api-Key", AdminKey);
        var response = await browser.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ChannelConnection>())!;
    }

    private async Task<List<ChannelView>> ListAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/channels");
        request.Headers.Add("X-Api-Key", AdminKey);
        var response = await browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<ChannelView>>())!;
    }

    private async Task TriggerAsync(string channelUid, string status, int delayMs = 0, bool duplicate = false)
    {
        var response = await control.PostAsJsonAsync("/vcita-emulator/_control/callbacks/channel-status",
            new { channel_uid = channelUid, status, delay_ms = delayMs, duplicate });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>vcita's callbacks arrive on their own: drive the workflows until the channel shows the status.</summary>
    private Task WaitForStatusAsync(string channelId, string status) =>
        WaitUntilAsync(async () => (await ListAsync()).Any(c => c.ChannelId == channelId && c.Status == status), $"{channelId} is {status}");

    private Task WaitForCallbacksAsync(int expected) =>
        WaitUntilAsync(() => Task.FromResult(sandbox.Services.GetRequiredService<CallbackLog>().Views()
            .Count(c => c.State is "delivered" or "failed") >= expected), $"{expected} callbacks answered");

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await temporal.RunUntilIdleAsync();
            if (await condition())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Within 30 s this never came to hold: {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private List<string> HistoriesContaining(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return temporal.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events)
            .Where(e => e.ToByteArray().AsSpan().IndexOf(bytes) >= 0).Select(e => $"{e.EventId} {e.EventType}").ToList();
    }
}
