using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using Temporalio.Exceptions;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

public sealed class WhatsAppWebhookApiTests
{
    private const string Path = "/webhooks/whatsapp";
    private const string AppSecret = "test-whatsapp-app-secret";
    private const string VerifyToken = "test-whatsapp-verify-token";

    [Fact]
    public async Task TheHandshakeWithOurVerifyTokenEchoesTheChallenge()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("1158201444");
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.verify_token=not-our-token&hub.challenge=1158201444")]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444")]
    [InlineData("hub.mode=unsubscribe&hub.verify_token=" + VerifyToken + "&hub.challenge=1158201444")]
    [InlineData("hub.verify_token=" + VerifyToken + "&hub.challenge=1158201444")]
    [InlineData("")]
    public async Task AHandshakeWithoutOurTokenOrModeIsForbidden(string query)
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync($"{Path}?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var problem = await ProblemAsync(response);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("1158201444");
        app.Logs.AllText.Should().NotContain(VerifyToken);
    }

    [Fact]
    public async Task AHandshakeWithoutAChallengeIsABadRequestNamingIt()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token={VerifyToken}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = await ProblemAsync(response);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Equal("hub.challenge");
    }

    [Fact]
    public async Task ASignedBatchIsHandedOverWholeAndAnswered200()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var body = Envelope(Value(
            messages: Text("Can I move my appointment?", id: "wamid.IN1"),
            statuses: Status("wamid.OUT1", "delivered"),
            contacts: Contact()));

        var response = await client.SendAsync(Signed(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, app.Logs.AllText);
        handOver.Batches.Should().ContainSingle().Which.Should().Equal(
            new ClientMessageEvent(ProviderNames.WhatsApp, PhoneNumberId, new ClientIdentity(WaId, "+" + WaId, ProfileName),
                new InboundMessage("wamid.IN1", SentAt, "Can I move my appointment?")),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Delivered, SentAt, WaId));
    }

    [Fact]
    public async Task TheAnswerWaitsForTheHandOverToReturn()
    {
        var handOver = new RecordingHandOver { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var answer = client.SendAsync(Signed(SingleText()));
        await handOver.Called.WaitAsync(TimeSpan.FromSeconds(10));

        answer.IsCompleted.Should().BeFalse("Meta must not get 200 before Temporal has the events");
        handOver.Gate.SetResult();
        (await answer).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-signature")]
    public async Task AMissingOrWrongSignatureIs401AndNothingIsHandedOver(string? signature)
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var request = Unsigned(SingleText());
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var problem = await ProblemAsync(response);
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task ABodySignedWithAnotherSecretIs401()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var request = Unsigned(SingleText());
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(SingleText()), "not-our-app-secret"));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task AnUnsignedMalformedBodyIs401NotJudgedAsJson()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Unsigned("{not json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "nobody unauthenticated learns what is wrong with their body");
    }

    [Fact]
    public async Task MalformedJsonIs400NamingWhereItBrokeAndNothingIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",}]}]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = await ProblemAsync(response);
        var error = problem.RootElement.GetProperty("errors").EnumerateObject().Single();
        error.Name.Should().Be("entry[0].changes[0]");
        error.Value[0].GetString().Should().StartWith("is not valid JSON");
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task AMessageWithoutItsIdIs400NamingTheFieldAndNothingOfTheBatchIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var withoutId = $$$"""{"from":"{{{WaId}}}","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"second"}}""";

        var response = await client.SendAsync(Signed(Envelope(Value(messages: Text("first") + "," + withoutId, contacts: Contact()))));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = await ProblemAsync(response);
        problem.RootElement.GetProperty("errors").GetProperty("entry[0].changes[0].value.messages[1].id")[0].GetString()
            .Should().Be("is required");
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task ABodyOver3MegabytesIs413AndNothingIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(Padded(SingleText(), SignedWebhookFilter<WebhookBatch>.MaxBodyBytes + 1)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        using var problem = await ProblemAsync(response);
        handOver.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task ABodyOfExactly3MegabytesIsAccepted()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(Padded(SingleText(), SignedWebhookFilter<WebhookBatch>.MaxBodyBytes)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        handOver.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task TemporalUnreachableDuringTheHandOverIs503SoMetaSendsItAgain()
    {
        var handOver = new RecordingHandOver { Failure = new RpcException(RpcException.StatusCode.Unavailable, "gone", null) };
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(SingleText()));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        using var problem = await ProblemAsync(response);
        handOver.Batches.Should().ContainSingle();
    }

    [Fact]
    public async Task APayloadForAnotherObjectIs200AndNothingIsHandedOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed("""{"object":"instagram","entry":[{"id":"1","time":1739321024,"changes":[{"field":"comments","value":{}}]}]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        handOver.Batches.Should().BeEmpty();
        await app.Logs.WaitForAsync(e => e.RenderMessage().Contains("instagram"));
    }

    [Fact]
    public async Task LogsCountTheBatchButHoldNoTextAndOnlyMaskedNumbers()
    {
        var handOver = new RecordingHandOver();
        await using var app = Bridge(handOver);
        using var client = app.CreateClient();
        var body = Envelope(Value(
            messages: Text("my card number is 4111 1111 1111 1111"),
            statuses: Status("wamid.OUT1", "deleted"),
            contacts: Contact()));

        var response = await client.SendAsync(Signed(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await app.Logs.WaitForAsync(e => e.MessageTemplate.Text.Contains("handed over"));
        var skipped = await app.Logs.WaitForAsync(e => e.MessageTemplate.Text.Contains("Skipped"));
        LogCapture.Render(skipped).Should().Contain("1*******1234").And.Contain("unknown status 'deleted'");
        app.Logs.AllText.Should().NotContain("4111").And.NotContain(WaId).And.NotContain(ProfileName).And.NotContain(AppSecret);
    }

    private static BridgeApplication Bridge(RecordingHandOver handOver) =>
        new BridgeApplication().WithServices(services => services.AddSingleton<IProviderEventHandOver>(handOver));

    private static HttpRequestMessage Signed(string body)
    {
        var request = Unsigned(body);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), AppSecret));
        return request;
    }

    private static HttpRequestMessage Unsigned(string body) =>
        new(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary><paramref name="json"/> followed by spaces up to <paramref name="bytes"/> bytes: still valid JSON.</summary>
    private static string Padded(string json, int bytes) => json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));

    private static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)response.StatusCode);
        return problem;
    }
}
