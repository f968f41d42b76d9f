using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Pacing;
using TemporalBridge.Providers;
using TemporalBridge.Providers.WhatsApp.Graph;
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
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions { WhatsAppMessagesPerSecond = 2 })));

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
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions { WhatsAppMessagesPerSecond = 1, MaxWaitSeconds = 0 })));

        await graph.PostAsync("https://graph.test/v23.0/111/messages", null);
        await graph.PostAsync("https://graph.test/v23.0/222/messages", null);
        await graph.GetAsync("https://graph.test/v23.0/111/media");
        await graph.PostAsync("https://graph.test/v23.0/111/subscribed_apps", null);

        recorder.Paths.Should().HaveCount(4);
    }

    [Fact]
    public async Task AGraphTurnTooFarOffFailsAsThrottledWithoutCallingMeta()
    {
        using var graph = Client(new GraphPacingHandler(Pacing(new PacingOptions { WhatsAppMessagesPerSecond = 1, MaxWaitSeconds = 0.5 })));
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
        var pacing = Pacing(new PacingOptions { WhatsAppPairBurst = 2, WhatsAppPairIntervalSeconds = 6, MaxWaitSeconds = 5 });
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230001", CancellationToken.None);
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230001", CancellationToken.None);
        await pacing.WaitForClientAsync("whatsapp", "111", "15551230002", CancellationToken.None);

        var third = () => pacing.WaitForClientAsync("whatsapp", "111", "15551230001", CancellationToken.None);

        (await third.Should().ThrowAsync<ProviderApiException>()).Which.Kind.Should().Be(ProviderFailure.PairRateLimited);
    }

    [Theory]
    [InlineData("https://graph.test/v23.0/111/messages", "111")]
    [InlineData("https://graph.test/111/messages", "111")]
    [InlineData("https://graph.test/v23.0/111/media", null)]
    [InlineData("https://graph.test/v23.0/messages", null)]
    public void TheNumberIsReadFromTheMessagesPath(string url, string? phoneNumberId) =>
        GraphPacingHandler.PhoneNumberId(new Uri(url)).Should().Be(phoneNumberId);

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
