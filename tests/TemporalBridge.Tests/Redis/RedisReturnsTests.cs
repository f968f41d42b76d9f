using System.Net;
using System.Net.Http.Headers;
using StackExchange.Redis;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Redis;

/// <summary>A bridge that lost Redis goes on through Temporal, and fills and uses the cache again once Redis is back.</summary>
public sealed class RedisReturnsTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly RedisServer redis = new();
    private ConversationHost host = null!;

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        // A short pause after a failure, so the test sees the return within its deadline (the default is 5 s).
        host = await ConversationHost.StartAsync(redis, bridgeSettings: bridge => bridge.WithSetting("Redis:SkipAfterFailureMs", "200"));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task WhenRedisComesBackTheBridgeCachesAgain()
    {
        var channel = WorkflowIds.Channel(ProviderNames.WhatsApp, ConversationHost.PhoneNumberId);
        var ownerKey = $"tb:vcita:channel:{host.ChannelUid}:owner";
        redis.Stop();

        var signals = host.Host.Temporal.Workflow(channel).SignalsReceived.Count;
        (await ReportChannelActiveAsync()).Should().Be(HttpStatusCode.NoContent);
        host.Host.Temporal.Workflow(channel).SignalsReceived.Count.Should().Be(signals + 1, "without Redis the owner is found through Temporal");

        await redis.StartAgainAsync();
        await using var direct = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var until = DateTime.UtcNow + Deadline;
        while (!await direct.GetDatabase().KeyExistsAsync(ownerKey))
        {
            DateTime.UtcNow.Should().BeBefore(until, $"the bridge should write {ownerKey} once Redis is back\n{host.Host.Bridge.Logs.AllText}");
            (await ReportChannelActiveAsync()).Should().Be(HttpStatusCode.NoContent);
            await Task.Delay(50); // the bridge's multiplexer reconnects on its own schedule
        }

        host.Host.Bridge.Logs.AllText.Should().Contain("Redis answers again");
    }

    private async Task<HttpStatusCode> ReportChannelActiveAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/vcita/channels/{host.ChannelUid}")
        {
            Content = new ByteArrayContent("""{"status":"active"}"""u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await host.Host.AsVcita.SendAsync(request);
        return response.StatusCode;
    }
}
