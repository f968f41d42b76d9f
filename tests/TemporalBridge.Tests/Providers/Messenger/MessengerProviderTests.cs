using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Messenger;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Tests.Sandbox.WhatsApp;

namespace TemporalBridge.Tests.Providers.Messenger;

/// <summary>
/// The bridge's Messenger provider against the sandbox's Messenger emulator in memory: each call with the Page's own
/// token, the window rules and the human-agent tag, sender actions to the person, profile names, and a rejected or
/// missing token.
/// </summary>
public sealed class MessengerProviderTests
{
    private const string PageId = "2000000000000001";
    private const string PageToken = "dev-messenger-page-token";

    [Fact]
    public async Task AReplyGoesWithThePagesTokenAndTheDeliveryIdAsMetadata()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        var psid = await PersonWritesAsync(emulator);
        using var bridge = Bridge(emulator);

        var mid = await Provider(bridge).SendTextAsync(PageId, Client(psid), "See you Friday", replyTo: null, "delivery-out:ch1:m1", CancellationToken.None);

        mid.Should().StartWith("m_");
        var sent = await SentAsync(emulator);
        sent["text"]!.GetValue<string>().Should().Be("See you Friday");
        sent["metadata"]!.GetValue<string>().Should().Be("delivery-out:ch1:m1");
        sent["messaging_type"]!.GetValue<string>().Should().Be("RESPONSE");
    }

    [Fact]
    public async Task AfterTheWindowAReplyIsRefusedUnlessTheHumanAgentTagIsAllowed()
    {
        await using var emulator = new WhatsAppEmulatorApplication().WithSetting("MessengerEmulator:HumanAgentPermission", "true");
        var psid = await PersonWritesAsync(emulator);
        emulator.Clock.Advance(TimeSpan.FromHours(30));
        using var plain = Bridge(emulator);
        using var tagging = Bridge(emulator, ("Messenger:HumanAgentTag", "true"));

        var refused = await Provider(plain).Invoking(p => p.SendTextAsync(PageId, Client(psid), "Still there?", null, null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();
        var mid = await Provider(tagging).SendTextAsync(PageId, Client(psid), "Still there?", null, null, CancellationToken.None);

        (refused.Which.Kind, refused.Which.Code).Should().Be((ProviderFailure.OutsideWindow, "10/2018278"));
        Provider(plain).Capabilities.AfterWindow.Should().Be(AfterWindow.Nothing);
        Provider(tagging).Capabilities.AfterWindow.Should().Be(AfterWindow.HumanReplyTag);
        mid.Should().StartWith("m_");
        (await SentAsync(emulator))["tag"]!.GetValue<string>().Should().Be("HUMAN_AGENT");
    }

    [Fact]
    public async Task ReadAndTypingAreSenderActionsToThePerson()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        var psid = await PersonWritesAsync(emulator);
        using var bridge = Bridge(emulator);
        var provider = Provider(bridge);

        await provider.MarkReadAsync(PageId, new ClientMessageRef(psid, "m_client"), CancellationToken.None);
        await provider.ShowTypingAsync(PageId, new ClientMessageRef(psid, ProviderMessageId: null), CancellationToken.None);
        await provider.HideTypingAsync(PageId, psid, CancellationToken.None);

        using var http = emulator.CreateHttp(token: null);
        var calls = await http.GetFromJsonAsync<JsonArray>("/messenger-emulator/_control/calls");
        calls!.Select(c => (c!["operation"]!.GetValue<string>(), c["psid"]!.GetValue<string>(), c["status_code"]!.GetValue<int>()))
            .Should().Equal(("mark_seen", psid, 200), ("typing_on", psid, 200), ("typing_off", psid, 200));
    }

    [Fact]
    public async Task TheNameComesFromTheProfileAndAPersonWithoutOneIsMetasNoProfileError()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        var named = await PersonWritesAsync(emulator, "Maria", "Lopez");
        var unnamed = await PersonWritesAsync(emulator, null, null);
        using var bridge = Bridge(emulator);

        (await Provider(bridge).FindClientNameAsync(PageId, Client(named), CancellationToken.None)).Should().Be("Maria Lopez");
        var none = await Provider(bridge).Invoking(p => p.FindClientNameAsync(PageId, Client(unnamed), CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();
        none.Which.Code.Should().Be("100/2018218");
    }

    [Fact]
    public async Task APageWithoutATokenIsNotCalledAndARejectedTokenIsForgotten()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        var psid = await PersonWritesAsync(emulator);
        using var without = Bridge(emulator, token: null);
        using var revoked = Bridge(emulator, token: "a-revoked-page-token-1234");

        var missing = await Provider(without).Invoking(p => p.SendTextAsync(PageId, Client(psid), "hi", null, null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();
        var rejected = await Provider(revoked).Invoking(p => p.SendTextAsync(PageId, Client(psid), "hi", null, null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        (missing.Which.Kind, missing.Which.Code).Should().Be((ProviderFailure.TokenRejected, "no_token"));
        (rejected.Which.Kind, rejected.Which.Code).Should().Be((ProviderFailure.TokenRejected, "190"));
        rejected.Which.ToString().Should().NotContain("a-revoked-page-token-1234");
        Credentials(revoked).Forgotten.Should().Equal((ProviderNames.Messenger, PageId));
        Credentials(without).Forgotten.Should().Equal((ProviderNames.Messenger, PageId));
    }

    [Fact]
    public async Task MessengerHasNoTemplates()
    {
        var provider = new MessengerProvider(
            null!, null!, Microsoft.Extensions.Options.Options.Create(new MessengerOptions()), Microsoft.Extensions.Options.Options.Create(new TemporalBridge.Pacing.PacingOptions()));

        var refused = await provider.Invoking(p => p.SendTemplateAsync(PageId, Client("1"), new MessageTemplate("x", "en"), null, CancellationToken.None))
            .Should().ThrowExactlyAsync<ProviderApiException>();

        refused.Which.Code.Should().Be("no_templates");
        provider.Capabilities.AfterWindow.Should().NotBe(AfterWindow.Template);
    }

    private static ClientIdentity Client(string psid) => new(psid, Phone: null, Name: null);

    /// <summary>A person of the emulator's Page writes to it (opening the window); answers their PSID.</summary>
    private static async Task<string> PersonWritesAsync(WhatsAppEmulatorApplication emulator, string? firstName = "Ada", string? lastName = "Lovelace")
    {
        using var http = emulator.CreateHttp(token: null);
        var created = await http.PostAsJsonAsync("/messenger-emulator/_control/people", new { first_name = firstName, last_name = lastName });
        created.EnsureSuccessStatusCode();
        var psid = (await created.Content.ReadFromJsonAsync<JsonNode>())!["psid"]!.GetValue<string>();
        (await http.PostAsJsonAsync("/messenger-emulator/_control/messages", new { psid, text = "hi" })).EnsureSuccessStatusCode();
        return psid;
    }

    /// <summary>The request body of the last successful send, as the emulator received it.</summary>
    private static async Task<JsonNode> SentAsync(WhatsAppEmulatorApplication emulator)
    {
        using var http = emulator.CreateHttp(token: null);
        var calls = await http.GetFromJsonAsync<JsonArray>("/messenger-emulator/_control/calls?operation=send");
        var request = calls!.Last(c => c!["status_code"]!.GetValue<int>() == 200)!["request"]!;
        var body = request["message"]!.AsObject().DeepClone().AsObject();
        body["messaging_type"] = request["messaging_type"]!.DeepClone();
        if (request["tag"] is { } tag)
        {
            body["tag"] = tag.DeepClone();
        }
        return body;
    }

    /// <summary>The bridge's Messenger registrations, the Send API client sent into the in-memory emulator, with the
    /// Page connected with <paramref name="token"/> (null: connected without one).</summary>
    private static IHost Bridge(WhatsAppEmulatorApplication emulator, params (string Key, string Value)[] settings) => Bridge(emulator, PageToken, settings);

    private static IHost Bridge(WhatsAppEmulatorApplication emulator, string? token, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messenger:GraphBaseUrl"] = "http://localhost/messenger-emulator/graph/v23.0" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.ClearProviders();
        builder.AddMessenger();
        builder.Services.AddSingleton<MessagingProviders>();
        var credentials = new KnownCredentials();
        if (token is not null)
        {
            credentials.Tokens[(ProviderNames.Messenger, PageId)] = new ProviderCredentials(token);
        }
        builder.Services.AddSingleton<IAccountCredentials>(credentials);
        builder.Services.AddHttpClient(MessengerSendClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => emulator.Server.CreateHandler());
        return builder.Build();
    }

    private static IMessagingProvider Provider(IHost host) => host.Services.GetRequiredService<MessagingProviders>().Get(ProviderNames.Messenger);

    private static KnownCredentials Credentials(IHost host) => (KnownCredentials)host.Services.GetRequiredService<IAccountCredentials>();
}
