extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Businesses;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using TemporalBridge.Tests.CommunicationApp;
using CallbackLog = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.CallbackLog;
using PageWebhookLog = Sandbox::TemporalBridge.Sandbox.Messenger.PageWebhookLog;
using VcitaMessage = Sandbox::TemporalBridge.Sandbox.Vcita.MessageView;
using VcitaState = Sandbox::TemporalBridge.Sandbox.Vcita.VcitaState;
using WebhookLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookLog;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A business with a live WhatsApp channel, ready for conversations: the bridge (API role) with the offline kit as
/// Temporal, a real Redis, and the vcita emulator, which confirms channels and sessions at once by calling the
/// bridge's /vcita routes. <see cref="SettleAsync"/> runs workflows and vcita's callbacks until neither has more to do.
/// </summary>
internal sealed class ConversationHost : IAsyncDisposable
{
    public const string PhoneNumberId = "1234567890";

    private readonly string redisConnection;

    private ConversationHost(VcitaBridgeHost vcita, string redisConnection)
    {
        Host = vcita;
        this.redisConnection = redisConnection;
    }

    public VcitaBridgeHost Host { get; }

    public VcitaState Vcita => Host.Vcita;

    public string ChannelUid => Vcita.Snapshot().Channels.Single().Uid;

    public static async Task<ConversationHost> StartAsync(
        RedisServer redis,
        Action<IWebHostBuilder>? sandboxSettings = null,
        Action<BridgeApplication>? bridgeSettings = null,
        bool overLoopback = false,
        Action<OfflineTemporalOptions>? kit = null,
        bool connectNumber = true)
    {
        var host = new ConversationHost(VcitaBridgeHost.Start(redis, vcitaConfirmsChannels: true, web =>
        {
            web.UseSetting("Sandbox:Vcita:SessionActivationDelayMs", "0");
            sandboxSettings?.Invoke(web);
        }, bridgeSettings, bridgeOnLoopback: overLoopback, kit), redis.ConnectionString);
        await host.ConnectBusinessAsync(connectNumber);
        return host;
    }

    /// <summary>The business granted a token (as the OAuth flow would store it) and, unless told not to, an operator
    /// connected its number.</summary>
    private async Task ConnectBusinessAsync(bool connectNumber)
    {
        // Tests share one Redis: each starts from an empty cache, as after a flush.
        await FlushRedisAsync();

        Control.BaseAddress = Host.SandboxUrl;
        var issued = await Control.PostAsJsonAsync("/vcita-emulator/_control/tokens/business", new { business_uid = VcitaBridgeHost.BusinessUid });
        issued.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var accessToken = token.RootElement.GetProperty("access_token").GetString()!;
        await Service<IBusinessTokens>().StoreAsync(
            VcitaBridgeHost.BusinessUid, new BusinessTokenGrant(accessToken, DateTimeOffset.UtcNow, ProviderNames.WhatsApp));
        if (!connectNumber)
        {
            return;
        }

        var connected = await Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            phone_number_id = PhoneNumberId,
            display_number = "+1 555 078 3881",
        });
        connected.EnsureSuccessStatusCode();
        await SettleAsync();
        Host.Temporal.Workflow(WorkflowIds.Channel(ProviderNames.WhatsApp, PhoneNumberId))
            .SearchAttribute<string>(BridgeSearchAttributes.ChannelStatus.Name).Should().Be(ChannelStatus.Active);
    }

    /// <summary>Empties the cache, as an operator's FLUSHALL or a Redis restart without persistence would.</summary>
    public async Task FlushRedisAsync()
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{redisConnection},allowAdmin=true");
        await admin.GetServers()[0].FlushAllDatabasesAsync();
    }

    /// <summary>The sandbox's control APIs (both emulators).</summary>
    public HttpClient Control { get; } = new();

    public T Service<T>()
        where T : notnull => Host.Bridge.Services.GetRequiredService<T>();

    /// <summary>Hands a provider webhook's events over as the provider endpoint would, then lets everything settle.</summary>
    public async Task<ProviderHandOverResult> ReceiveAsync(params ProviderEvent[] events)
    {
        var result = await Service<IProviderEventHandOver>().HandOverAsync(events, CancellationToken.None);
        await SettleAsync();
        return result;
    }

    /// <summary>Runs workflow tasks and lets vcita's callbacks reach the bridge, until neither has anything left.</summary>
    public async Task SettleAsync()
    {
        // Done when a round of workflow tasks made vcita queue no new callback: every earlier one was answered by
        // the bridge (signalling a workflow) before that round ran.
        var log = Host.Sandbox.Services.GetRequiredService<CallbackLog>();
        var queued = -1;
        for (var round = 0; round < 50; round++)
        {
            await Host.Temporal.RunUntilIdleAsync();
            await Host.WaitForCallbacksDeliveredAsync(0);
            if (log.Views().Count == queued)
            {
                return;
            }
            queued = log.Views().Count;
        }
        throw new InvalidOperationException("Workflows and vcita's callbacks did not settle in 50 rounds.");
    }

    /// <summary>Settles until both emulators' webhooks (WhatsApp's statuses and Messenger's echoes and watermarks
    /// included) have all been answered and the workflows they started have run: a round that queues no new webhook
    /// ends it.</summary>
    public async Task SettleWithWebhooksAsync()
    {
        var whatsApp = Host.Sandbox.Services.GetRequiredService<WebhookLog>();
        var messenger = Host.Sandbox.Services.GetRequiredService<PageWebhookLog>();
        var seen = -1;
        for (var round = 0; round < 50; round++)
        {
            await SettleAsync();
            await Tests.Sandbox.Eventually.WaitAsync(
                () => Task.FromResult(whatsApp.Views().Select(v => v.State).Concat(messenger.Views().Select(v => v.State)).ToList()),
                states => states.All(state => state is "delivered" or "failed"),
                "both emulators' webhooks answered");
            var count = whatsApp.Views().Count + messenger.Views().Count;
            if (count == seen)
            {
                return;
            }
            seen = count;
        }
        throw new InvalidOperationException("The conversation did not settle in 50 rounds.");
    }

    /// <summary>Settles with the webhooks, moving Temporal's clock on by <paramref name="step"/> each time, until
    /// <paramref name="done"/>: how a test sees retries that wait on timers.</summary>
    public async Task UntilAsync(Func<bool> done, string what, TimeSpan? step = null)
    {
        for (var i = 0; i < 100; i++)
        {
            await SettleWithWebhooksAsync();
            if (done())
            {
                return;
            }
            await Host.Temporal.AdvanceTimeAsync(step ?? TimeSpan.FromSeconds(5));
        }
        throw new InvalidOperationException($"Not reached: {what}\n{Diagnostics()}");
    }

    /// <summary>The messages of the business's channel in vcita, in the order vcita received them.</summary>
    public IReadOnlyList<VcitaMessage> MessagesInVcita() => Vcita.Snapshot().Messages;

    /// <summary>The Graph API calls of <paramref name="operation"/> the WhatsApp emulator received, in order.</summary>
    public IReadOnlyList<Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCall> GraphCalls(string operation) =>
        Host.Sandbox.Services.GetRequiredService<Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCallLog>().All(operation);

    public static ClientMessageEvent Text(ClientIdentity client, string id, string text, DateTimeOffset at) =>
        new(ProviderNames.WhatsApp, PhoneNumberId, client, new InboundMessage(id, at, text));

    /// <summary>For failure messages: every workflow, its event types and activity attempts, and the bridge's log.</summary>
    public string Diagnostics() =>
        string.Join("\n", Host.Temporal.Workflows.Select(w =>
            $"{w}: {string.Join(",", w.History.Select(e => e.EventType.ToString()))} attempts {string.Join(",", w.ActivityAttempts)} failure {w.Failure?.Message}"))
        + "\n" + Host.Bridge.Logs.AllText;

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Host.DisposeAsync();
    }
}
