extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using Eventually = TemporalBridge.Tests.Sandbox.Eventually;
using GraphCall = Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCall;
using GraphCallLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCallLog;
using WebhookLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookLog;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A conversation with a WhatsApp user that staff answer from vcita: <see cref="ConversationHost"/> over loopback,
/// with the WhatsApp emulator sending its status webhooks at once. The user has written first (the session is
/// active and the 24-hour window open); <see cref="StaffWritesAsync"/> is vcita calling the bridge with a staff
/// message; <see cref="SettleAsync"/> also waits for the emulator's webhooks, and <see cref="UntilAsync"/> moves
/// Temporal's clock on for retries.
/// </summary>
internal sealed class OutboundConversation : IAsyncDisposable
{
    public const string Maria = "15551230001";
    public static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-30);

    private OutboundConversation(ConversationHost host) => Host = host;

    public ConversationHost Host { get; }

    public HttpClient Control => Host.Control;

    public string SessionWorkflowId => WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Maria);

    public string SessionUid => Host.Vcita.Snapshot().Sessions.Single().Uid;

    public static async Task<OutboundConversation> StartAsync(
        RedisServer redis,
        Action<OfflineTemporalOptions>? kit = null,
        Action<IWebHostBuilder>? sandboxSettings = null,
        Action<BridgeApplication>? bridgeSettings = null)
    {
        var host = await ConversationHost.StartAsync(redis, web =>
        {
            web.UseSetting("WhatsAppEmulator:StatusDelayMs", "0");
            sandboxSettings?.Invoke(web);
        }, bridgeSettings, overLoopback: true, kit: kit);
        var conversation = new OutboundConversation(host);
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = Maria, name = "Maria da Silva" })).EnsureSuccessStatusCode();
        await conversation.PostAsync("/whatsapp-emulator/_control/messages", new
        {
            from = Maria,
            id = "wamid.maria.hello",
            type = "text",
            text = new { body = "Hello, can I book for Friday?" },
            timestamp = At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await conversation.SettleAsync();
        host.MessagesInVcita().Should().ContainSingle(host.Diagnostics());
        return conversation;
    }

    /// <summary>vcita posts a staff message to the bridge (<c>POST /vcita/messages</c>), as the emulator does when staff write.</summary>
    public async Task StaffWritesAsync(string messageUid, string text, bool settle = true)
    {
        await PostAsync("/vcita-emulator/_control/callbacks/staff-message", new { session_uid = SessionUid, message = text, message_uid = messageUid });
        if (settle)
        {
            await SettleAsync();
        }
    }

    /// <summary>The user writes: WhatsApp posts the webhook (the control call returns once it was first answered).</summary>
    public Task UserWritesAsync(string wamid, string text) =>
        PostAsync("/whatsapp-emulator/_control/messages", new
        {
            from = Maria,
            id = wamid,
            type = "text",
            text = new { body = text },
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Every webhook WhatsApp queued, with each attempt's answer.</summary>
    public IReadOnlyList<Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookView> Webhooks() =>
        Host.Host.Sandbox.Services.GetRequiredService<WebhookLog>().Views();

    /// <summary>The simulated user's phone reports a status of a message it received.</summary>
    /// <summary>A status of a sent message; <paramref name="namingItsDelivery"/> false is a status that comes without the
    /// send's <c>biz_opaque_callback_data</c> (a message sent before sends named their delivery).</summary>
    public async Task UserPhoneReportsAsync(string wamid, string status, int? errorCode = null, bool namingItsDelivery = true)
    {
        await PostAsync("/whatsapp-emulator/_control/statuses", new { wamid, status, error_code = errorCode, without_callback_data = !namingItsDelivery });
        await SettleAsync();
    }

    /// <summary>The next Graph calls of <paramref name="operation"/> suffer these faults, in order.</summary>
    public async Task GraphFailsAsync(string operation, params object[] faults)
    {
        foreach (var fault in faults)
        {
            var body = JsonSerializer.SerializeToElement(fault);
            var withOperation = body.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            withOperation["operation"] = operation;
            await PostAsync("/whatsapp-emulator/_control/faults", withOperation);
        }
    }

    /// <summary>A fault entry that lets one call through untouched: faults apply in order, so this skips a call.</summary>
    public static object PassOne => new { delay_ms = 1, count = 1 };

    /// <summary>Graph send calls the emulator answered 200, in order.</summary>
    public IReadOnlyList<GraphCall> SuccessfulSends() => GraphCalls("send").Where(c => c.StatusCode == 200).ToList();

    public IReadOnlyList<GraphCall> GraphCalls(string operation) => Host.GraphCalls(operation);

    /// <summary>The text of a send call, as the user received it.</summary>
    public static string? TextOf(GraphCall call) =>
        call.Request is { } body && body.TryGetProperty("text", out var text) ? text.GetProperty("body").GetString() : null;

    /// <summary>Every status the bridge gave vcita for a staff message, in order.</summary>
    public IReadOnlyList<string> VcitaStatuses(string messageUid) =>
        Host.Vcita.Snapshot().StatusUpdates.Where(u => u.Kind == "message" && u.Uid == messageUid).Select(u => u.Status).ToList();


    /// <summary>Why a staff message is failing or failed, as its delivery tells operators: vcita takes no reason with a status.</summary>
    public async Task<string?> DeliveryReasonAsync(string messageUid) =>
        (await Host.Host.Temporal.Client.GetWorkflowHandle<TemporalBridge.Deliveries.OutboundDeliveryWorkflow>(
            WorkflowIds.OutboundDelivery(Host.ChannelUid, messageUid)).QueryAsync(wf => wf.State)).Reason;

    /// <summary>Workflows, vcita's callbacks and the emulators' webhooks, until none has more to do.</summary>
    public Task SettleAsync() => Host.SettleWithWebhooksAsync();

    /// <summary>Settles, moving Temporal's clock on by <paramref name="step"/> each time, until <paramref name="done"/>.</summary>
    public Task UntilAsync(Func<bool> done, string what, TimeSpan? step = null) => Host.UntilAsync(done, what, step);

    private async Task PostAsync(string path, object body)
    {
        var response = await Control.PostAsJsonAsync(path, body);
        response.IsSuccessStatusCode.Should().BeTrue($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
