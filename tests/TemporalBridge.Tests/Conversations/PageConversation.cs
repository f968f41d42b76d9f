extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using SendApiCall = Sandbox::TemporalBridge.Sandbox.Messenger.SendApiCall;
using SendApiCallLog = Sandbox::TemporalBridge.Sandbox.Messenger.SendApiCallLog;
using VcitaMessage = Sandbox::TemporalBridge.Sandbox.Vcita.MessageView;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A Facebook Page connected through the admin API with its own Page token, beside the business's WhatsApp number
/// (<see cref="ConversationHost"/> over loopback), and Maria, a person who wrote to the Page through the Messenger
/// emulator. Staff answer from vcita; the emulator answers the Send API, echoes each send to the bridge before it
/// answers the call, and sends its delivery watermark at once. <see cref="SettleAsync"/> waits for the emulator's
/// webhooks too.
/// </summary>
internal sealed class PageConversation : IAsyncDisposable
{
    /// <summary>The emulator's development Page and its token.</summary>
    public const string PageId = "2000000000000001";
    public const string PageToken = "dev-messenger-page-token";

    private PageConversation(ConversationHost host, string psid, string pageChannelUid)
    {
        Host = host;
        Psid = psid;
        PageChannelUid = pageChannelUid;
    }

    public ConversationHost Host { get; }

    /// <summary>Maria's page-scoped id.</summary>
    public string Psid { get; }

    /// <summary>The Page's VCS channel.</summary>
    public string PageChannelUid { get; }

    public string SessionUid => Host.Vcita.Snapshot().Sessions.Single(s => s.ChannelUid == PageChannelUid).Uid;

    public static async Task<PageConversation> StartAsync(
        RedisServer redis, Action<IWebHostBuilder>? sandboxSettings = null, Action<BridgeApplication>? bridgeSettings = null, string? firstName = "Maria", string? lastName = "Lopez")
    {
        var host = await ConversationHost.StartAsync(redis, web =>
        {
            web.UseSetting("MessengerEmulator:DeliveryDelayMs", "0");
            sandboxSettings?.Invoke(web);
        }, bridgeSettings, overLoopback: true);
        await ConnectPageAsync(host, PageToken);
        return await WithPersonAsync(host, firstName, lastName);
    }

    /// <summary>Maria writes to the Page, connected already (by the admin API or the connect page) on <paramref name="host"/>.</summary>
    public static async Task<PageConversation> WithPersonAsync(ConversationHost host, string? firstName = "Maria", string? lastName = "Lopez")
    {
        var created = await host.Control.PostAsJsonAsync("/messenger-emulator/_control/people", new { first_name = firstName, last_name = lastName });
        created.EnsureSuccessStatusCode();
        using var person = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var pageChannel = host.Vcita.Snapshot().Channels.Single(c => c.DisplayName == "Messenger Acme Bakery").Uid;
        var conversation = new PageConversation(host, person.RootElement.GetProperty("psid").GetString()!, pageChannel);
        await conversation.PersonWritesAsync("Hello, can I book for Friday?");
        return conversation;
    }

    /// <summary>Maria writes to the Page: the emulator posts the Page webhook.</summary>
    public async Task PersonWritesAsync(string text)
    {
        await PostAsync("/messenger-emulator/_control/messages", new { psid = Psid, text });
        await SettleAsync();
    }

    /// <summary>Maria reacts to a message; answers when it has settled.</summary>
    public async Task PersonReactsAsync(string mid, string emoji)
    {
        await PostAsync("/messenger-emulator/_control/reactions", new { psid = Psid, mid, reaction = "love", emoji });
        await SettleAsync();
    }

    /// <summary>Maria taps one of the Page's buttons.</summary>
    public async Task PersonTapsAButtonAsync(string title, string payload)
    {
        await PostAsync("/messenger-emulator/_control/postbacks", new { psid = Psid, title, payload });
        await SettleAsync();
    }

    /// <summary>Maria writes while another app (or the Page Inbox) owns the conversation.</summary>
    public async Task PersonWritesInStandbyAsync(string text)
    {
        await PostAsync("/messenger-emulator/_control/standby", new { psid = Psid, text });
        await SettleAsync();
    }

    /// <summary>Maria opens the conversation and reads what the Page sent: a read watermark of now.</summary>
    public async Task PersonReadsAsync()
    {
        await PostAsync("/messenger-emulator/_control/reads", new { psid = Psid });
        await SettleAsync();
    }

    /// <summary>Someone answers Maria from the Page Inbox.</summary>
    public async Task InboxRepliesAsync(string text)
    {
        await PostAsync("/messenger-emulator/_control/inbox-replies", new { psid = Psid, text });
        await SettleAsync();
    }

    /// <summary>The operator connects the Page again through the admin API, with <paramref name="token"/>.</summary>
    public async Task ConnectPageAgainAsync(string token)
    {
        await ConnectPageAsync(Host, token);
        await SettleAsync();
    }

    /// <summary>An operator connects the Page (the emulator's default one) with <paramref name="token"/>, and the
    /// channel settles (active at vcita).</summary>
    public static async Task ConnectPageAsync(ConversationHost host, string token = PageToken)
    {
        var connected = await host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = ProviderNames.Messenger,
            account_id = PageId,
            display_name = "Acme Bakery",
            credentials = new { access_token = token },
        });
        connected.IsSuccessStatusCode.Should().BeTrue(await connected.Content.ReadAsStringAsync());
        await host.SettleAsync();
    }

    /// <summary>Meta's side of a Page token that stops working (a changed password, a removed admin): from now on
    /// the Page takes only <paramref name="newToken"/>.</summary>
    public Task PageTokenChangesAsync(string newToken) => PostAsync($"/messenger-emulator/_control/pages/{PageId}/token", new { access_token = newToken });

    /// <summary>vcita posts a staff message to the bridge (<c>POST /vcita/messages</c>), as the emulator does when staff write.</summary>
    public async Task StaffWritesAsync(string messageUid, string text)
    {
        await PostAsync("/vcita-emulator/_control/callbacks/staff-message", new { session_uid = SessionUid, message = text, message_uid = messageUid });
        await SettleAsync();
    }

    /// <summary>Staff read a client message in vcita: vcita tells the bridge its status.</summary>
    public async Task StaffReadsAsync(string messageUid)
    {
        await PostAsync("/vcita-emulator/_control/callbacks/message-status", new { channel_uid = PageChannelUid, message_uid = messageUid, status = "read" });
        await SettleAsync();
    }

    /// <summary>vcita says staff is typing (or stopped) in Maria's session.</summary>
    public Task<HttpResponseMessage> StaffTypingAsync(bool typing) =>
        Host.Host.AsVcita.PostAsJsonAsync($"/vcita/sessions/{SessionUid}/typing", new { typing });

    /// <summary>The next Send API calls of <paramref name="operation"/> fail with Meta's <paramref name="code"/>.</summary>
    public Task SendApiFailsAsync(string operation, int code, int? subcode = null, int count = 1) =>
        PostAsync("/messenger-emulator/_control/faults", new { operation, code, subcode, count });

    /// <summary>The Send API calls of <paramref name="operation"/> the emulator received, in order.</summary>
    public IReadOnlyList<SendApiCall> Calls(string operation) =>
        Host.Host.Sandbox.Services.GetRequiredService<SendApiCallLog>().All(operation);

    public IReadOnlyList<SendApiCall> SuccessfulSends() => [.. Calls("send").Where(c => c.StatusCode == 200)];

    /// <summary>The Page's messages in vcita, in the order vcita received them.</summary>
    public IReadOnlyList<VcitaMessage> MessagesInVcita() => [.. Host.MessagesInVcita().Where(m => m.ChannelUid == PageChannelUid)];

    /// <summary>Every status the bridge gave vcita for a staff message, in order.</summary>
    public IReadOnlyList<string> VcitaStatuses(string messageUid) =>
        [.. Host.Vcita.Snapshot().StatusUpdates.Where(u => u.Kind == "message" && u.Uid == messageUid).Select(u => u.Status)];

    /// <summary>Why a staff message is failing or failed, as its delivery tells operators.</summary>
    public async Task<string?> DeliveryReasonAsync(string messageUid) =>
        (await Host.Host.Temporal.Client.GetWorkflowHandle<TemporalBridge.Deliveries.OutboundDeliveryWorkflow>(
            WorkflowIds.OutboundDelivery(PageChannelUid, messageUid)).QueryAsync(wf => wf.State)).Reason;

    public static string? TextOf(SendApiCall call) => call.Request?.GetProperty("message").GetProperty("text").GetString();

    /// <summary>Workflows, vcita's callbacks and the emulators' webhooks, until none has more to do.</summary>
    public Task SettleAsync() => Host.SettleWithWebhooksAsync();

    private async Task PostAsync(string path, object body)
    {
        var response = await Host.Control.PostAsJsonAsync(path, body);
        response.IsSuccessStatusCode.Should().BeTrue($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
