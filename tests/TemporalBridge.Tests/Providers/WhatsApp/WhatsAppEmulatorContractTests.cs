using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Graph;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Tests.Sandbox.WhatsApp;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// The bridge's WhatsApp code against the sandbox's WhatsApp emulator: the Graph client's requests through the
/// emulator's validation, and the emulator's signed webhooks through the bridge's signature check and parser.
/// </summary>
public sealed class WhatsAppEmulatorContractTests
{
    private const string WaId = "15551234567";

    [Fact]
    public async Task ATextToAUserWhoWroteIsAcceptedWithTheEmulatorsWamid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var inbound = await UserWritesAsync(http, WaId);
        using var bridge = Bridge(emulator);
        var provider = Provider(bridge);

        var wamid = await provider.SendTextAsync(PhoneNumberId, new ClientIdentity(WaId, $"+{WaId}", null), "See you Tuesday", inbound, deliveryId: null, CancellationToken.None);
        await provider.MarkReadAsync(PhoneNumberId, new ClientMessageRef(WaId, inbound), CancellationToken.None);
        await provider.ShowTypingAsync(PhoneNumberId, new ClientMessageRef(WaId, inbound), CancellationToken.None);

        wamid.Should().StartWith("wamid.");
        var send = (await ControlGetAsync(http, "graph-calls?operation=send")).AsArray().Should().ContainSingle().Subject!;
        send["wamid"]!.GetValue<string>().Should().Be(wamid);
        send["request"]!["text"]!["body"]!.GetValue<string>().Should().Be("See you Tuesday");
        send["request"]!["context"]!["message_id"]!.GetValue<string>().Should().Be(inbound);
    }

    [Fact]
    public async Task TextToSomeoneWhoNeverWroteIsOutsideTheWindowButATemplateGoesOut()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        using var bridge = Bridge(emulator);
        var provider = Provider(bridge);
        var client = new ClientIdentity(WaId, $"+{WaId}", null);

        var outside = await provider.Invoking(p => p.SendTextAsync(PhoneNumberId, client, "Hello?", null, deliveryId: null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();
        var template = await provider.SendTemplateAsync(PhoneNumberId, client, new MessageTemplate("follow_up", "en_US"), deliveryId: null, CancellationToken.None);

        (outside.Which.Kind, outside.Which.Code).Should().Be((ProviderFailure.OutsideWindow, "131047"));
        template.Should().StartWith("wamid.");
    }

    [Fact]
    public async Task AWrongAccessTokenIsTokenRejected()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var bridge = Bridge(emulator, accessToken: "not-the-emulators-token");

        var failure = await Provider(bridge).Invoking(p => p.MarkReadAsync(PhoneNumberId, new ClientMessageRef(WaId, "wamid.X"), CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        (failure.Which.Kind, failure.Which.Code).Should().Be((ProviderFailure.TokenRejected, "190"));
        failure.Which.ToString().Should().NotContain("not-the-emulators-token");
    }

    [Fact]
    public async Task TheEmulatorsWebhooksPassTheBridgesSignatureCheckAndParser()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId, name: "Ada Lovelace");

        var wamid = await UserWritesAsync(http, WaId);
        var webhook = (await receiver.WaitForCountAsync(1)).First();

        WebhookSignature.IsValid(webhook.Body, webhook.Signature, AppSecret).Should().BeTrue();
        var parsed = WebhookParser.Parse(webhook.Body);
        parsed.Problem.Should().BeNull();
        parsed.Batch!.Events.Should().ContainSingle().Which.Should().BeOfType<ClientMessageEvent>()
            .Which.Should().Match<ClientMessageEvent>(e =>
                e.Provider == ProviderNames.WhatsApp && e.AccountId == PhoneNumberId && e.Message.ProviderMessageId == wamid
                && e.Message.Text == "hi" && e.Client == new ClientIdentity(WaId, $"+{WaId}", "Ada Lovelace"));
    }

    /// <summary>The bridge's WhatsApp registrations, their Graph client sent into the in-memory emulator.</summary>
    private static IHost Bridge(WhatsAppEmulatorApplication emulator, string accessToken = AccessToken) =>
        GraphApiDouble.Services(
            $"http://localhost{Graph}",
            [("WhatsApp:AccessToken", accessToken)],
            services => services.AddHttpClient(WhatsAppGraphClients.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => emulator.Server.CreateHandler()));

    private static IMessagingProvider Provider(IHost host) =>
        host.Services.GetServices<IMessagingProvider>().Single(provider => provider.Name == ProviderNames.WhatsApp);
}
