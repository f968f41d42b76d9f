using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using static TemporalBridge.Tests.Providers.Messenger.PagePayloads;

namespace TemporalBridge.Tests.Providers.Messenger;

public sealed class MessengerWebhookApiTests
{
    private const string Path = "/webhooks/messenger";
    private const string AppSecret = "test-messenger-app-secret";
    private const string VerifyToken = "test-messenger-verify-token";

    [Fact]
    public async Task TheHandshakeWithTheMessengerVerifyTokenEchoesTheChallenge()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var ours = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=4815162342");
        var whatsApps = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token=test-whatsapp-verify-token&hub.challenge=4815162342");

        ours.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ours.Content.ReadAsStringAsync()).Should().Be("4815162342");
        whatsApps.StatusCode.Should().Be(HttpStatusCode.Forbidden, "each Meta app has its own verify token");
    }

    [Fact]
    public async Task ASignedPageWebhookIsHandedOverAndAnswered200()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var body = Envelope(Entry([Text("Is Saturday free?"), FromUser("read", """{"watermark":1733390200500}""")], standby: [Text("not ours", "m_Sb1")]));

        var response = await client.SendAsync(Signed(body, AppSecret));

        response.StatusCode.Should().Be(HttpStatusCode.OK, app.Logs.AllText);
        handOver.Events.Select(e => e.GetType().Name).Should().Equal(nameof(ClientMessageEvent), nameof(ReceiptWatermarkEvent));
        app.Logs.AllText.Should().Contain("entry[0].standby[0]").And.NotContain("Is Saturday free?").And.NotContain(Psid);
    }

    [Fact]
    public async Task ABodySignedWithTheWhatsAppSecretOrNotAtAllIs401AndNothingIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var body = Single(Text("hello"));

        var otherSecret = await client.SendAsync(Signed(body, "test-whatsapp-app-secret"));
        var unsigned = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(body) });

        otherSecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task AWronglyShapedBodyIs400NamingItsPathAndNothingIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(Single(FromUser("message", """{"text":"no id"}""")), AppSecret));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("entry[0].messaging[0].message.mid");
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task WhenTemporalCannotTakeTheEventsTheAnswerIs503SoMetaSendsThemAgain()
    {
        var handOver = new RecordingHandOver { Failure = new Temporalio.Exceptions.RpcException(Temporalio.Exceptions.RpcException.StatusCode.Unavailable, "down", null) };
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(Single(Text("hello")), AppSecret));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    private static BridgeApplication Bridge(RecordingHandOver handOver) =>
        new BridgeApplication().WithServices(services => services.AddSingleton<IProviderEventHandOver>(handOver));

    private static HttpRequestMessage Signed(string body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(body) };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), secret));
        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
