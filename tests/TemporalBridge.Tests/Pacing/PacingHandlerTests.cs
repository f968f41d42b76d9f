using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Pacing;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Messenger;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Redis;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Sandbox;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Pacing;

/// <summary>The Graph and vcita clients' pacing handlers, in front of a handler that records what got through.</summary>
public sealed class PacingHandlerTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly ManualClock clock = new();
    private readonly Recorder recorder = new();
    private ConnectionMultiplexer connection = null!;

    public async Task InitializeAsync() => connection = await EmptyRedis.ConnectAsync(redis);

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task ANumbersMessageCallsPastItsRateWaitForTheirTurn()
    {
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions()), WhatsAppPacedAt(2)));

        await graph.PostAsync("https://graph.test/v23.0/111/messages", null);
        await graph.PostAsync("https://graph.test/v23.0/111/messages", null);
        var third = graph.PostAsync("https://graph.test/v23.0/111/messages", null);
        await Eventually.WaitAsync(() => Task.FromResult(clock.PendingTimers), n => n == 1, "the third call to wait for its turn");
        recorder.Paths.Should().HaveCount(2);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        (await third).StatusCode.Should().Be(HttpStatusCode.OK);
        recorder.Paths.Should().HaveCount(3);
    }

    [Fact]
    public async Task OtherNumbersAndOtherCallsAreNotHeldUp()
    {
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions { MaxWaitSeconds = 0 }), WhatsAppPacedAt(1)));

        await graph.PostAsync("https://graph.test/v23.0/111/messages", null);
        await graph.PostAsync("https://graph.test/v23.0/222/messages", null);
        await graph.GetAsync("https://graph.test/v23.0/111/media");
        await graph.PostAsync("https://graph.test/v23.0/111/subscribed_apps", null);

        recorder.Paths.Should().HaveCount(4);
    }

    [Fact]
    public async Task AGraphTurnTooFarOffFailsAsThrottledWithoutCallingMeta()
    {
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions { MaxWaitSeconds = 0.5 }), WhatsAppPacedAt(1)));
        await graph.PostAsync("https://graph.test/v23.0/111/messages", null);

        var refused = () => graph.PostAsync("https://graph.test/v23.0/111/messages", null);

        (await refused.Should().ThrowAsync<ProviderApiException>()).Which.Kind.Should().Be(ProviderFailure.Throttled);
        recorder.Paths.Should().HaveCount(1);
    }

    [Fact]
    public async Task VcitaCallsArePacedPerTokenAndATurnTooFarOffIsATransientFailure()
    {
        using var vcita = Client(new VcitaPacingHandler(Pacing(new PacingOptions { VcitaRequestsPerSecond = 1, MaxWaitSeconds = 0.5 })));

        await vcita.SendAsync(WithToken("token-a"));
        await vcita.SendAsync(WithToken("token-b"));
        await vcita.PostAsync("https://vcita.test/oauth/token", null);
        var refused = () => vcita.SendAsync(WithToken("token-a"));

        (await refused.Should().ThrowAsync<VcitaApiException>()).Which.Kind.Should().Be(VcitaFailure.Transient);
        recorder.Paths.Should().HaveCount(3);
    }

    [Fact]
    public async Task TheClientsPaceFailsAsThePairRateLimitOnceItsBurstIsUsed()
    {
        var pacing = Pacing(new PacingOptions { MaxWaitSeconds = 5 });
        var pair = new Rate(TimeSpan.FromSeconds(6), Burst: 2);
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230001", pair, CancellationToken.None);
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230001", pair, CancellationToken.None);
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230002", pair, CancellationToken.None);

        var third = () => pacing.WaitForClientAsync("whatsapp", "111", "15551230001", pair, CancellationToken.None);

        (await third.Should().ThrowAsync<ProviderApiException>()).Which.Kind.Should().Be(ProviderFailure.PairRateLimited);
    }

    [Theory]
    [InlineData("https://graph.test/v23.0/111/messages", "111")]
    [InlineData("https://graph.test/111/messages", "111")]
    [InlineData("https://graph.test/v23.0/111/media", null)]
    [InlineData("https://graph.test/v23.0/messages", null)]
    public void TheAccountIsReadFromTheMessagesPath(string url, string? accountId) =>
        GraphPacingHandler.AccountId(new Uri(url)).Should().Be(accountId);

    [Fact]
    public void EachProvidersPaceComesFromItsOwnSetting()
    {
        var settings = Options.Create(new PacingOptions { WhatsAppMessagesPerSecond = 70, WhatsAppPairIntervalSeconds = 3, WhatsAppPairBurst = 4, MessengerMessagesPerSecond = 30 });

        new WhatsAppProvider(null!, null!, settings).Capabilities.Pace.Should().Be(new ProviderPace(70, new Rate(TimeSpan.FromSeconds(3), 4)));
        new MessengerProvider(null!, null!, Options.Create(new MessengerOptions()), settings).Capabilities.Pace.Should().Be(new ProviderPace(30, PerClient: null));
    }

    /// <summary>WhatsApp's provider, whose only part here is its pace per number.</summary>
    private static WhatsAppProvider WhatsAppPacedAt(int messagesPerSecond) =>
        new(null!, null!, Options.Create(new PacingOptions { WhatsAppMessagesPerSecond = messagesPerSecond }));

    private ProviderPacing Pacing(PacingOptions options) =>
        new(new RateGate(EmptyRedis.Cache(connection), clock), Options.Create(options));

    private HttpClient Client(DelegatingHandler pacing)
    {
        pacing.InnerHandler = recorder;
        return new HttpClient(pacing);
    }

    private static HttpRequestMessage WithToken(string token) =>
        new(HttpMethod.Post, "https://vcita.test/business/communication/messages") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private sealed class Recorder : HttpMessageHandler
    {
        public ConcurrentQueue<string> Paths { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Enqueue(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
