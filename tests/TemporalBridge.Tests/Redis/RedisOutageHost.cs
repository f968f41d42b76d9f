using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Redis;

/// <summary>
/// A bridge with everything an event can be handed to — a live channel, a client's conversation with its VCS session,
/// one inbound delivery, a second channel to disconnect — built while Redis was up, then Redis taken away as the
/// subclass stages it. Temporal (the offline kit) stays up: whatever the bridge acknowledges must be in its hands.
/// </summary>
public abstract class RedisOutageHost : IAsyncLifetime
{
    public const string Maria = "15551230001";
    public const string FirstWamid = "wamid.maria.hello";
    public const string DisconnectedPhoneNumberId = "3333333333";
    public const string NewPhoneNumberId = "2222222222";

    private ConversationHost? host;

    public RedisServer Redis { get; } = new();

    internal ConversationHost Conversation => host ?? throw new InvalidOperationException("Not started");

    public string ChannelUid { get; private set; } = "";

    public string SessionUid { get; private set; } = "";

    public string SessionWorkflowId => WorkflowIds.Session(ProviderNames.WhatsApp, ConversationHost.PhoneNumberId, Maria);

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        host = await ConversationHost.StartAsync(Redis, bridgeSettings: bridge => bridge
            .WithSetting("Vcita:Apps:whatsapp:RedirectUri", "http://bridge.test/oauth/vcita/callback"));
        ChannelUid = host.ChannelUid;

        var connected = await host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = Tests.CommunicationApp.VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            phone_number_id = DisconnectedPhoneNumberId,
            display_number = "+1 555 333 3333",
        });
        connected.EnsureSuccessStatusCode();
        await host.ReceiveAsync(ConversationHost.Text(new ClientIdentity(Maria, Maria, "Maria da Silva"), FirstWamid, "Hello", DateTimeOffset.UtcNow.AddMinutes(-5)));
        SessionUid = host.Vcita.Snapshot().Sessions.Single().Uid;
        host.MessagesInVcita().Should().ContainSingle(host.Diagnostics());

        Client = host.Host.Bridge.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        StageOutage();
    }

    /// <summary>Takes Redis away, the way this host's tests need it gone.</summary>
    protected abstract void StageOutage();

    /// <summary>Every workflow with what a hand-over changes: its runs and the signals it received.</summary>
    public IReadOnlyDictionary<string, string> WorkflowsNow() =>
        Conversation.Host.Temporal.Workflows.ToDictionary(
            w => w.WorkflowId, w => $"runs={w.Runs.Count} signals={w.SignalsReceived.Count}", StringComparer.Ordinal);

    public T Service<T>()
        where T : notnull => Conversation.Host.Bridge.Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}

/// <summary>Redis killed: connections are refused, so every command fails at once.</summary>
public sealed class RedisStoppedHost : RedisOutageHost
{
    protected override void StageOutage() => Redis.Stop();
}

/// <summary>Redis frozen: connections stay open but nothing is answered, so commands run into the timeout.</summary>
public sealed class RedisHungHost : RedisOutageHost
{
    protected override void StageOutage() => Redis.Pause();
}
