using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Providers.WhatsApp.Graph;

namespace TemporalBridge.Tests.Providers.WhatsApp;

public sealed class WhatsAppProviderTests : IAsyncLifetime
{
    private const string PhoneNumberId = WebhookPayloads.PhoneNumberId;
    private const string MessagesPath = $"/{PhoneNumberId}/messages";

    private static readonly ClientIdentity Sheena = new("16505551234", "+16505551234", "Sheena Nelson");

    private GraphApiDouble graph = null!;

    public async Task InitializeAsync() => graph = await GraphApiDouble.StartAsync();

    public async Task DisposeAsync() => await graph.DisposeAsync();

    [Fact]
    public async Task SendingTextPostsTheFactsSheetBodyWithTheBearerTokenAndAnswersTheWamid()
    {
        using var host = graph.Services();

        var id = await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "See you Tuesday at 10", "wamid.EARLIER", deliveryId: null, CancellationToken.None);

        id.Should().Be("wamid.SENT1");
        var request = graph.Requests.Single();
        (request.Method, request.Path, request.Authorization).Should().Be(("POST", MessagesPath, $"Bearer {GraphApiDouble.AccessToken}"));
        request.ContentType.Should().StartWith("application/json");
        ShouldBeJson(request.Body, """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
             "text":{"body":"See you Tuesday at 10","preview_url":false},"context":{"message_id":"wamid.EARLIER"}}
            """);
    }

    [Fact]
    public async Task ANumberConnectedWithItsOwnTokenCallsWithItAndOtherNumbersWithTheDefault()
    {
        using var host = graph.Services();
        var credentials = (KnownCredentials)host.Services.GetRequiredService<IAccountCredentials>();
        credentials.Tokens[(ProviderNames.WhatsApp, PhoneNumberId)] = new ProviderCredentials("EAAG-the-numbers-own-token");

        await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None);
        await Provider(host).MarkReadAsync(PhoneNumberId, new ClientMessageRef(Sheena.Id, "wamid.IN1"), CancellationToken.None);
        await Provider(host).SendTextAsync("106540352242999", Sheena, "Hello", null, deliveryId: null, CancellationToken.None);

        graph.Requests.Select(r => r.Authorization).Should().Equal(
            "Bearer EAAG-the-numbers-own-token", "Bearer EAAG-the-numbers-own-token", $"Bearer {GraphApiDouble.AccessToken}");
    }

    [Fact]
    public async Task ATokenMetaRejectsIsAskedOfTheChannelAgainNextTimeAndNeverInTheMessage()
    {
        using var host = graph.Services();
        var credentials = (KnownCredentials)host.Services.GetRequiredService<IAccountCredentials>();
        credentials.Tokens[(ProviderNames.WhatsApp, PhoneNumberId)] = new ProviderCredentials("EAAG-the-numbers-own-token");
        graph.Answer("POST", MessagesPath, 401,
            """{"error":{"message":"Error validating access token EAAG-the-numbers-own-token","type":"OAuthException","code":190,"fbtrace_id":"Az8"}}""");

        var failure = await Provider(host).Invoking(p => p.SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        failure.Which.Kind.Should().Be(ProviderFailure.TokenRejected);
        failure.Which.Message.Should().NotContain("EAAG-the-numbers-own-token").And.Contain("[redacted]");
        credentials.Forgotten.Should().Equal((ProviderNames.WhatsApp, PhoneNumberId));
    }

    [Fact]
    public async Task TextWithoutAQuoteHasNoContext()
    {
        using var host = graph.Services();

        await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None);

        ShouldBeJson(graph.Requests.Single().Body, """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"Hello","preview_url":false}}
            """);
    }

    [Fact]
    public async Task ASendNamesItsDeliveryForMetaToHandBackWithEveryStatus()
    {
        using var host = graph.Services();
        var delivery = TemporalBridge.Temporal.WorkflowIds.OutboundDelivery("c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "staff:msg%1");

        await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "Hello", null, delivery, CancellationToken.None);
        await Provider(host).SendTemplateAsync(PhoneNumberId, Sheena, new MessageTemplate("reopen", "en_US"), delivery, CancellationToken.None);

        graph.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("biz_opaque_callback_data").GetString())
            .Should().Equal(delivery, delivery);
    }

    [Theory]
    [InlineData("not-a-delivery")]
    [InlineData("delivery-in:whatsapp:wamid.1")]
    [InlineData("delivery-out:ch1:m\u0001")]
    public async Task WhatIsNotADeliveryOfThisBridgeIsNotNamedToMeta(string deliveryId)
    {
        using var host = graph.Services();

        await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "Hello", null, System.Text.RegularExpressions.Regex.Unescape(deliveryId), CancellationToken.None);

        JsonDocument.Parse(graph.Requests.Single().Body).RootElement.TryGetProperty("biz_opaque_callback_data", out _).Should().BeFalse();
    }

    [Fact]
    public async Task ADeliveryIdLongerThanMetaTakesIsNotNamed()
    {
        using var host = graph.Services();
        // A message_uid of 255 ':' escapes to 765 characters: past the 512 biz_opaque_callback_data carries.
        var delivery = TemporalBridge.Temporal.WorkflowIds.OutboundDelivery("ch1", new string(':', 255));

        await Provider(host).SendTextAsync(PhoneNumberId, Sheena, "Hello", null, delivery, CancellationToken.None);

        JsonDocument.Parse(graph.Requests.Single().Body).RootElement.TryGetProperty("biz_opaque_callback_data", out _).Should().BeFalse();
    }

    [Fact]
    public async Task AClientKnownOnlyByUserIdIsAddressedAsRecipient()
    {
        using var host = graph.Services();

        await Provider(host).SendTextAsync(PhoneNumberId, new ClientIdentity("US.13491208655302741918", null, "dana.l"), "Hello", null, deliveryId: null, CancellationToken.None);

        ShouldBeJson(graph.Requests.Single().Body, """
            {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918","type":"text","text":{"body":"Hello","preview_url":false}}
            """);
    }

    [Fact]
    public async Task SendingATemplateNamesItAndItsLanguage()
    {
        using var host = graph.Services();

        var id = await Provider(host).SendTemplateAsync(PhoneNumberId, Sheena, new MessageTemplate("appointment_follow_up", "en_US"), deliveryId: null, CancellationToken.None);

        id.Should().Be("wamid.SENT1");
        ShouldBeJson(graph.Requests.Single().Body, """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
             "template":{"name":"appointment_follow_up","language":{"code":"en_US"}}}
            """);
    }

    [Fact]
    public async Task MarkingReadAndShowingTypingPostTheStatusBodies()
    {
        using var host = graph.Services();
        var provider = Provider(host);

        await provider.MarkReadAsync(PhoneNumberId, new ClientMessageRef(Sheena.Id, "wamid.IN1"), CancellationToken.None);
        await provider.ShowTypingAsync(PhoneNumberId, new ClientMessageRef(Sheena.Id, "wamid.IN2"), CancellationToken.None);

        graph.Requests.Select(request => request.Path).Should().Equal(MessagesPath, MessagesPath);
        ShouldBeJson(graph.Requests.First().Body, """{"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN1"}""");
        ShouldBeJson(graph.Requests.Last().Body,
            """{"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN2","typing_indicator":{"type":"text"}}""");
    }

    [Fact]
    public async Task MediaIsLookedUpById()
    {
        using var host = graph.Services();

        var media = await host.Services.GetRequiredService<IWhatsAppGraphApi>().GetMediaAsync("2754859441498128");

        media.Should().Be(new GraphMedia("2754859441498128",
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=2754859441498128", "image/jpeg", "81d3bd8a", 303833));
        graph.Requests.Single().Should().Match<Vcita.RecordedRequest>(request =>
            request.Method == "GET" && request.Path == "/2754859441498128" && request.Authorization == $"Bearer {GraphApiDouble.AccessToken}");
    }

    [Theory]
    [InlineData(400, 131047, ProviderFailure.OutsideWindow)]
    [InlineData(400, 130429, ProviderFailure.Throttled)]
    [InlineData(400, 131056, ProviderFailure.PairRateLimited)]
    [InlineData(400, 131026, ProviderFailure.Undeliverable)]
    [InlineData(400, 100, ProviderFailure.BadRequest)]
    [InlineData(401, 190, ProviderFailure.TokenRejected)]
    [InlineData(500, 2, ProviderFailure.Transient)]
    public async Task MetasErrorBodyBecomesAClassifiedProviderFailure(int status, long code, ProviderFailure kind)
    {
        using var host = graph.Services();
        graph.Answer("POST", MessagesPath, status,
            $$$"""{"error":{"message":"(#{{{code}}}) Something about it","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"More about it"},"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""");

        var failure = await Provider(host).Invoking(p => p.SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        failure.Which.Should().Match<ProviderApiException>(e =>
            e.Provider == ProviderNames.WhatsApp && e.Kind == kind && e.Code == code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        failure.Which.Message.Should().Be(
            $"WhatsApp {(kind == ProviderFailure.Transient ? "failed" : "rejected")} POST {MessagesPath} ({status}, code {code}): " +
            $"(#{code}) Something about it More about it [fbtrace_id Az8or2yhqkZfEZ-_4Qn_Bam]");
    }

    [Fact]
    public async Task AProxysErrorPageWithoutACodeIsTransient()
    {
        using var host = graph.Services();
        graph.Answer("POST", MessagesPath, 502, "<html><body>Bad Gateway</body></html>");

        var failure = await Provider(host).Invoking(p => p.MarkReadAsync(PhoneNumberId, new ClientMessageRef(Sheena.Id, "wamid.IN1"), CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        (failure.Which.Kind, failure.Which.Code).Should().Be((ProviderFailure.Transient, "http_502"));
    }

    [Fact]
    public async Task TheTokenNeverAppearsInAFailureEvenWhenMetaEchoesIt()
    {
        using var host = graph.Services();
        graph.Answer("POST", MessagesPath, 401,
            $$$"""{"error":{"message":"Malformed access token {{{GraphApiDouble.AccessToken}}}","type":"OAuthException","code":190,"fbtrace_id":"A1"}}""");

        var failure = await Provider(host).Invoking(p => p.SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        failure.Which.Kind.Should().Be(ProviderFailure.TokenRejected);
        failure.Which.ToString().Should().NotContain(GraphApiDouble.AccessToken).And.Contain("[redacted]");
    }

    [Fact]
    public async Task ACallThatTakesTooLongIsATransientTimeout()
    {
        using var host = graph.Services(("WhatsApp:RequestTimeoutSeconds", "0.2"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        graph.Answer("POST", MessagesPath, context => release.Task.WaitAsync(context.RequestAborted));

        try
        {
            var failure = await Provider(host).Invoking(p => p.SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None))
                .Should().ThrowExactlyAsync<ProviderApiException>();

            (failure.Which.Kind, failure.Which.Code).Should().Be((ProviderFailure.Transient, "timeout"));
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task AGraphApiThatCannotBeReachedIsTransient()
    {
        using var host = GraphApiDouble.Services($"http://{BridgeApplication.Unreachable}/v23.0");

        var failure = await Provider(host).Invoking(p => p.MarkReadAsync(PhoneNumberId, new ClientMessageRef(Sheena.Id, "wamid.IN1"), CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        (failure.Which.Kind, failure.Which.Code).Should().Be((ProviderFailure.Transient, "unreachable"));
    }

    [Fact]
    public async Task AnAcceptedSendWithoutAMessageIdIsNotRetried()
    {
        using var host = graph.Services();
        graph.Answer("POST", MessagesPath, 200, """{"messaging_product":"whatsapp","contacts":[],"messages":[]}""");

        var failure = await Provider(host).Invoking(p => p.SendTextAsync(PhoneNumberId, Sheena, "Hello", null, deliveryId: null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        failure.Which.Kind.Should().Be(ProviderFailure.BadRequest);
    }

    [Fact]
    public void TheProviderIsFoundByItsName()
    {
        using var host = graph.Services();

        host.Services.GetRequiredService<MessagingProviders>().Get(ProviderNames.WhatsApp).Should().BeOfType<WhatsAppProvider>();
    }

    private static IMessagingProvider Provider(IHost host) =>
        host.Services.GetServices<IMessagingProvider>().Single(provider => provider.Name == ProviderNames.WhatsApp);

    private static void ShouldBeJson(string actual, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)).Should().BeTrue($"{actual} should be {expected}");
}
