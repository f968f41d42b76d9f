using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Deliveries;
using TemporalBridge.Logging;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using TemporalBridge.Typing;
using Temporalio.Client;
using Temporalio.Common;

namespace TemporalBridge.Conversations;

/// <summary>
/// Hands a provider webhook's events to the workflows that own them. Client messages: one signal-with-start per
/// conversation in the webhook, carrying its messages in the provider's order (so a batch costs one Temporal action
/// per conversation, not per message), conversations in parallel. Statuses of sent messages: to their deliveries
/// (<see cref="ProviderStatusHandOver"/>). A client typing: passed on to vcita, best effort, outside Temporal. The
/// call returns when Temporal has accepted every message and status.
/// </summary>
public sealed partial class ProviderEventHandOver(
    ChannelRoutes channels,
    ProviderStatusHandOver statuses,
    ClientTypingRelay typing,
    SessionStateCache conversationCache,
    ITemporalClient temporal,
    IOptions<TemporalOptions> options,
    BridgeMetrics metrics,
    ILogger<ProviderEventHandOver> logger)
    : IProviderEventHandOver
{
    /// <summary>Enough to hand a 1,000-message batch over quickly without flooding Temporal with one webhook.</summary>
    private const int ConversationsAtOnce = 16;

    public async Task<ProviderHandOverResult> HandOverAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeHandOver(HandOverKinds.ProviderEvents);
        var messages = events.OfType<ClientMessageEvent>().ToList();
        var statusEvents = events.OfType<DeliveryStatusEvent>().ToList();
        var typingEvents = events.OfType<ClientTypingEvent>().ToList();
        var notHandled = events.Count - messages.Count - statusEvents.Count - typingEvents.Count;
        var unknownAccount = 0;
        var conversations = new List<Conversation>();
        foreach (var account in messages.GroupBy(m => (m.Provider, m.AccountId)))
        {
            var route = await channels.FindAsync(account.Key.Provider, account.Key.AccountId, cancellationToken);
            if (route == null)
            {
                unknownAccount += account.Count();
                LogUnknownAccount(account.Key.Provider, account.Key.AccountId, account.Count());
                continue;
            }
            foreach (var client in account.GroupBy(m => m.Client.Id))
            {
                var fitting = client.Where(m => InboundMessageUid.Fits(m.Provider, m.Message.ProviderMessageId)).ToList();
                notHandled += client.Count() - fitting.Count;
                if (fitting.Count > 0)
                {
                    conversations.Add(new Conversation(route, fitting));
                }
            }
        }

        await Parallel.ForEachAsync(
            conversations,
            new ParallelOptions { MaxDegreeOfParallelism = ConversationsAtOnce, CancellationToken = cancellationToken },
            async (conversation, cancel) => await SignalAsync(conversation, cancel));
        var statusesHandedOver = await statuses.HandOverAsync(statusEvents, cancellationToken);
        notHandled += statusEvents.Count - statusesHandedOver;
        await typing.RelayAsync(typingEvents, cancellationToken);
        if (notHandled > 0)
        {
            LogNotHandled(notHandled);
        }
        var result = new ProviderHandOverResult(
            conversations.Sum(c => c.Messages.Count) + statusesHandedOver + typingEvents.Count, unknownAccount, notHandled);
        return timing.Ended(result, unknownAccount + notHandled == 0 ? HandOverOutcomes.Accepted : HandOverOutcomes.Unknown);
    }

    private async Task SignalAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var first = conversation.Messages[0];
        var input = new SessionInput(first.Provider, first.AccountId, conversation.Route.BusinessUid, conversation.Route.ChannelUid, first.Client);
        var batch = new InboundBatch(conversation.Route.BusinessUid, conversation.Route.ChannelUid, [.. conversation.Messages.Select(m => m.Message)]);
        var workflow = new WorkflowOptions(WorkflowIds.Session(first.Provider, first.AccountId, first.Client.Id), options.Value.TaskQueue)
        {
            TypedSearchAttributes = new SearchAttributeCollection.Builder()
                .Set(BridgeSearchAttributes.BusinessUid, input.BusinessUid)
                .Set(BridgeSearchAttributes.ChannelUid, input.ChannelUid)
                .Set(BridgeSearchAttributes.Provider, input.Provider)
                .ToSearchAttributeCollection(),
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        using var scope = logger.BeginConcernScope(workflow.Id);
        workflow.SignalWithStart((SessionWorkflow wf) => wf.ReceiveAsync(batch));
        await temporal.StartWorkflowAsync((SessionWorkflow wf) => wf.RunAsync(input), workflow);
        // The client wrote: a typing indicator from now on belongs on one of these messages.
        await conversationCache.ForgetLatestClientMessageAsync(workflow.Id!);
    }

    private sealed record Conversation(ChannelRoute Route, List<ClientMessageEvent> Messages);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} {Provider} message(s) for account {AccountId}, which no channel of this bridge owns, were acknowledged and dropped")]
    private partial void LogUnknownAccount(string provider, string accountId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} provider event(s) that nothing of this bridge owns or acts on were acknowledged and dropped")]
    private partial void LogNotHandled(int count);
}
