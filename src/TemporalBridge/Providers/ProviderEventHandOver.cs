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
using Temporalio.Exceptions;

namespace TemporalBridge.Providers;

/// <summary>
/// Hands a provider webhook's events to the workflows that own them. Client messages: one signal-with-start per
/// conversation in the webhook, carrying its messages in the provider's order (so a batch costs one Temporal action
/// per conversation, not per message), conversations in parallel; a message the business sent from outside the
/// bridge goes with them, unless it is one the bridge sent itself. A notice that a client now goes by a new id goes
/// to their conversation, and a conversation of each new name is made to pass on to it, before the webhook is
/// answered, so the client's next message finds the same conversation. Statuses of sent messages: to their
/// deliveries (<see cref="ProviderStatusHandOver"/>); watermark receipts: to their conversations. The call returns
/// when Temporal has accepted every message, status and receipt. A report that access to a group of accounts is
/// gone starts a <see cref="RevocationWorkflow"/> for the group's channels.
/// </summary>
public sealed partial class ProviderEventHandOver(
    ChannelRoutes channels,
    ChannelRevocations revocations,
    ProviderStatusHandOver statuses,
    OutboundMessageIds sentIds,
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
        var statusEvents = events.OfType<DeliveryStatusEvent>().ToList();
        var messages = events.OfType<ClientMessageEvent>().ToList();
        var watermarks = events.OfType<ReceiptWatermarkEvent>().ToList();
        var revoked = events.OfType<AccountGroupRevokedEvent>().ToList();
        var notHandled = events.Count - messages.Count - statusEvents.Count - watermarks.Count - revoked.Count;
        var ownSends = await OwnSendsAsync(messages);
        messages.RemoveAll(ownSends.Contains);
        var notices = messages.Where(m => m.Message.NowKnownAs is not null).ToList();
        messages.RemoveAll(notices.Contains);
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
        var noticesHandedOver = 0;
        foreach (var notice in notices)
        {
            if (await channels.FindAsync(notice.Provider, notice.AccountId, cancellationToken) is not { } route)
            {
                unknownAccount++;
                LogUnknownAccount(notice.Provider, notice.AccountId, 1);
                continue;
            }
            await NoticeAsync(route, notice, cancellationToken);
            noticesHandedOver++;
        }
        var statusesHandedOver = await statuses.HandOverAsync(statusEvents, cancellationToken);
        notHandled += statusEvents.Count - statusesHandedOver;
        var watermarksHandedOver = await WatermarksAsync(watermarks, cancellationToken);
        notHandled += watermarks.Count - watermarksHandedOver;
        foreach (var revocation in revoked)
        {
            await revocations.StartAsync(
                WorkflowIds.Revocation("account-update", $"{revocation.Provider}-{revocation.AccountId}-{revocation.Report}"),
                new RevocationInput([revocation.Provider], ConnectedBy: null, revocation.AccountId, revocation.Revocation),
                cancellationToken);
        }
        if (notHandled > 0)
        {
            LogNotHandled(notHandled);
        }
        var result = new ProviderHandOverResult(
            conversations.Sum(c => c.Messages.Count) + noticesHandedOver + ownSends.Count + statusesHandedOver + watermarksHandedOver + revoked.Count,
            unknownAccount,
            notHandled);
        return timing.Ended(result, unknownAccount + notHandled == 0 ? HandOverOutcomes.Accepted : HandOverOutcomes.Unknown);
    }

    private async Task SignalAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var first = conversation.Messages[0];
        var input = new SessionInput(first.Provider, first.AccountId, conversation.Route.BusinessUid, conversation.Route.ChannelUid, first.Client);
        var batch = new InboundBatch(
            conversation.Route.BusinessUid, conversation.Route.ChannelUid, [.. conversation.Messages.Select(m => m.Message)], conversation.Messages[^1].Client);
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

    /// <summary>
    /// A notice that the client now goes by a new id: to their conversation, which knows them from now on by it; then,
    /// for each new id, a conversation of that name passing on to it (started, or told so if one runs). A client
    /// with no conversation here has none to go on: nothing is started for the notice.
    /// </summary>
    private async Task NoticeAsync(ChannelRoute route, ClientMessageEvent notice, CancellationToken cancellationToken)
    {
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var owner = WorkflowIds.Session(notice.Provider, notice.AccountId, notice.Client.Id);
        using var scope = logger.BeginConcernScope(owner);
        var batch = new InboundBatch(route.BusinessUid, route.ChannelUid, [notice.Message], notice.Client);
        try
        {
            await temporal.GetWorkflowHandle<SessionWorkflow>(owner).SignalAsync(wf => wf.ReceiveAsync(batch), new WorkflowSignalOptions { Rpc = rpc });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            LogNoticeWithoutConversation(notice.Provider, notice.AccountId);
            return;
        }

        var now = notice.Message.NowKnownAs!;
        foreach (var id in now.Ids().Except(notice.Client.Ids(), StringComparer.Ordinal))
        {
            var input = new SessionInput(notice.Provider, notice.AccountId, route.BusinessUid, route.ChannelUid, now with { Id = id }) { ForwardsTo = owner };
            var workflow = new WorkflowOptions(WorkflowIds.Session(notice.Provider, notice.AccountId, id), options.Value.TaskQueue) { Rpc = rpc };
            workflow.SignalWithStart((SessionWorkflow wf) => wf.ForwardToAsync(owner));
            await temporal.StartWorkflowAsync((SessionWorkflow wf) => wf.RunAsync(input), workflow);
        }
    }

    /// <summary>
    /// Watermark receipts to their conversations, which pass them on to the staff messages they cover: only the
    /// furthest watermark of each status per conversation, since it covers the rest. A conversation that does not
    /// exist here sent nothing for a receipt to move: the receipt is not handled. Answers how many were handed over.
    /// </summary>
    private async Task<int> WatermarksAsync(IReadOnlyList<ReceiptWatermarkEvent> watermarks, CancellationToken cancellationToken)
    {
        var handedOver = 0;
        foreach (var conversation in watermarks.GroupBy(w => WorkflowIds.Session(w.Provider, w.AccountId, w.ClientId)))
        {
            var furthest = conversation.GroupBy(w => w.Status).Select(s => s.MaxBy(w => w.Watermark)!).OrderBy(w => w.Status).ToList();
            using var scope = logger.BeginConcernScope(conversation.Key);
            try
            {
                var handle = temporal.GetWorkflowHandle<SessionWorkflow>(conversation.Key);
                foreach (var receipt in furthest)
                {
                    await handle.SignalAsync(
                        wf => wf.ReceiptWatermarkAsync(new ReceiptWatermark(receipt.Status, receipt.Watermark)),
                        new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
                }
                handedOver += conversation.Count();
            }
            catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
            {
                // No conversation: nothing of this bridge's for the receipt to move.
            }
        }
        return handedOver;
    }

    /// <summary>Messages "the business sent from its app" that the bridge itself sent (a provider that echoes API sends
    /// too would otherwise show staff their own reply twice): known by the ids the sends recorded.</summary>
    private async Task<List<ClientMessageEvent>> OwnSendsAsync(List<ClientMessageEvent> messages)
    {
        var own = new List<ClientMessageEvent>();
        foreach (var echo in messages.Where(m => m.Message.FromBusiness))
        {
            if (await sentIds.FindAsync(echo.Provider, echo.Message.ProviderMessageId) is not null)
            {
                own.Add(echo);
            }
        }
        return own;
    }

    private sealed record Conversation(ChannelRoute Route, List<ClientMessageEvent> Messages);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A {Provider} client on account {AccountId} changed number or id, but has no conversation here to go on with")]
    private partial void LogNoticeWithoutConversation(string provider, string accountId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} {Provider} message(s) for account {AccountId}, which no channel of this bridge owns, were acknowledged and dropped")]
    private partial void LogUnknownAccount(string provider, string accountId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} provider event(s) that nothing of this bridge owns or acts on were acknowledged and dropped")]
    private partial void LogNotHandled(int count);
}
