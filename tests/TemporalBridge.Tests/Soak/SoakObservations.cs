extern alias Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Sandbox::TemporalBridge.Sandbox.Shared;
using TemporalBridge.Tests.Conversations;
using CallbackLog = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.CallbackLog;
using GraphCall = Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCall;
using GraphCallLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCallLog;
using GraphFault = Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphFault;
using VcitaFault = Sandbox::TemporalBridge.Sandbox.Vcita.Control.Fault;
using WebhookLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookLog;

namespace TemporalBridge.Tests.Soak;

/// <summary>
/// What each side saw, read from the emulators: the client messages in vcita per conversation, the staff messages
/// each WhatsApp user received, the statuses vcita was told, and the read receipts WhatsApp got. Both the run's
/// waits and its assertions read these, so they agree on what "arrived" means.
/// </summary>
internal sealed class SoakObservations(ConversationHost host)
{
    private GraphCallLog GraphLog => host.Host.Sandbox.Services.GetRequiredService<GraphCallLog>();

    /// <summary>Client messages in vcita, by the conversation's session (its external uid), in the order vcita received them.</summary>
    public IReadOnlyDictionary<string, List<string>> InboundInVcita() =>
        host.MessagesInVcita()
            .Where(m => m.Direction == "client_to_business")
            .GroupBy(m => m.ExternalUid)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Message).ToList());

    /// <summary>Graph sends WhatsApp accepted, in the order it accepted them.</summary>
    public IReadOnlyList<GraphCall> AcceptedSends() => [.. GraphLog.All("send").Where(c => c.StatusCode == 200)];

    /// <summary>The texts each user received (by wa_id), in order.</summary>
    public IReadOnlyDictionary<string, List<string>> ReceivedByUser() =>
        AcceptedSends().GroupBy(c => c.Recipient!).ToDictionary(g => g.Key, g => g.Select(c => OutboundConversation.TextOf(c)!).ToList());

    /// <summary>The wamid WhatsApp gave each staff text (the first, should a text have gone twice).</summary>
    public IReadOnlyDictionary<string, string> WamidsByStaffText() =>
        AcceptedSends().GroupBy(c => OutboundConversation.TextOf(c)!).ToDictionary(g => g.Key, g => g.First().Wamid!);

    /// <summary>Every message status the bridge gave vcita, by message_uid, in order.</summary>
    public IReadOnlyDictionary<string, List<string>> VcitaStatuses() =>
        host.Vcita.Snapshot().StatusUpdates
            .Where(u => u.Kind == "message")
            .GroupBy(u => u.Uid)
            .ToDictionary(g => g.Key, g => g.Select(u => u.Status).ToList());

    /// <summary>Every mark-as-read call WhatsApp received, by the wamid it names (failed attempts included).</summary>
    public ILookup<string, GraphCall> ReadReceipts() => GraphLog.All("read").ToLookup(c => c.Wamid!);

    /// <summary>Graph calls WhatsApp answered with an error, by operation.</summary>
    public IReadOnlyDictionary<string, int> FailedGraphCalls() =>
        GraphLog.All().Where(c => c.StatusCode != 200).GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Injected failures not met yet (the fault lists cover more calls than a run makes): vcita's, then the Graph API's.</summary>
    public (int Vcita, int Graph) FailuresLeft() =>
        (host.Host.Sandbox.Services.GetRequiredService<FaultList<VcitaFault>>().Pending.Where(f => f.Status is not null).Sum(f => f.Count),
         host.Host.Sandbox.Services.GetRequiredService<FaultList<GraphFault>>().Pending.Where(f => f.Code is not null || f.HttpStatus is not null).Sum(f => f.Count));

    /// <summary>Webhook POSTs and vcita callbacks, with how many went twice and how many never got a 2xx.</summary>
    public (int Webhooks, int WebhookCopies, int WebhooksUnanswered, int Callbacks, int CallbackCopies, int CallbacksUnanswered) Calls()
    {
        var webhooks = host.Host.Sandbox.Services.GetRequiredService<WebhookLog>().Views();
        var callbacks = host.Host.Sandbox.Services.GetRequiredService<CallbackLog>().Views();
        return (
            webhooks.Count, webhooks.Count(w => w.Copy > 1), webhooks.Count(w => w.State != "delivered"),
            callbacks.Count, callbacks.Count(c => c.Copy > 1), callbacks.Count(c => c.State != "delivered"));
    }
}
