using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Sessions;

/// <summary>
/// One client's conversation on one channel, for as long as both exist; its id (<see cref="WorkflowIds.Session"/>)
/// is what makes it one per client per channel. It maps the client to a vcita contact, opens (or reuses, or
/// reactivates) the VCS session and waits for vcita to confirm it, then hands the client's messages to vcita one at
/// a time, each through its own delivery workflow: ordered by the provider's timestamp, then by arrival, so a
/// message whose delivery is being retried is never overtaken by the next.
/// <para>
/// A client may come under another id (a business-scoped user id beside the number, a new number, a new user id). For each such id the conversation starts a session of that name (<see cref="SessionInput.ForwardsTo"/>)
/// that passes whatever arrives there on to it, so the person keeps one conversation: one vcita contact, one session.
/// A conversation that has not reached vcita yet and finds one already running under the client's other id becomes
/// such a forwarder itself.
/// </para>
/// </summary>
[Workflow]
public sealed class SessionWorkflow
{
    /// <summary>How long vcita may take to confirm a session before operators are told (it keeps waiting).</summary>
    internal static readonly TimeSpan ActivationWait = TimeSpan.FromMinutes(5);

    /// <summary>How many provider message ids are remembered to spot duplicates: Meta redelivers within days,
    /// and a redelivery of an older message is still stopped by its delivery's id and vcita's message_uid.</summary>
    internal const int RecentIdsKept = 500;

    /// <summary>How long a conversation that vcita refuses for good waits before trying again.</summary>
    internal static readonly TimeSpan BlockedPause = TimeSpan.FromMinutes(15);

    /// <summary>A batch passed on this many times is kept where it is: forwards that went round in a loop stop, and
    /// no message is lost to them.</summary>
    internal const int MostHops = 3;

    private readonly List<QueuedMessage> queue = [];
    private readonly Queue<StaffMessage> outbound = new();
    private readonly Queue<SessionStatusReport> reports = new();
    private readonly HashSet<string> awaited = new(StringComparer.Ordinal);
    private readonly HashSet<string> settled = new(StringComparer.Ordinal);
    private readonly Queue<string> recentIds = new();
    private readonly HashSet<string> recent = new(StringComparer.Ordinal);
    private readonly RecentlySent recentlySent = new();
    private readonly Queue<InboundBatch> forwards = new();
    private readonly HashSet<string> knownIds = new(StringComparer.Ordinal);
    private readonly Queue<string> idsToName = new();
    private readonly ReceiptWatermarks awaitingReceipts = new();
    private readonly Queue<ReceiptWatermark> watermarks = new();
    private SessionState state;
    private long nextArrival;
    private bool draining;
    private bool staffMessageInFlight;

    /// <summary>Runs before any signal handler, so a signal delivered with the start (or with a continued run)
    /// finds the conversation as it was.</summary>
    [WorkflowInit]
    public SessionWorkflow(SessionInput input)
    {
        state = input.Carried?.State ?? new SessionState(input.BusinessUid, input.ChannelUid, ContactUid: null, SessionUid: null, SessionStatus.None)
        {
            Client = input.Client,
            ForwardsTo = input.ForwardsTo,
        };
        Restore(input.Carried);
        // Its own id names this conversation already (a run continued from before ids were kept carries none).
        knownIds.Add(input.Client.Id);
        if (input.Carried is null && state.ForwardsTo is null)
        {
            Learn(input.Client);
        }
    }

    [WorkflowQuery]
    public SessionState State => state with { Waiting = queue.Count, StaffWaiting = outbound.Count };

    /// <summary>The delivery that sent a provider message, among the conversation's recent ones, and whether a send
    /// is under way (whose message id the conversation cannot know yet). How a provider status finds its delivery
    /// when the cache has forgotten, or has not been told yet.</summary>
    [WorkflowQuery]
    public SentLookup DeliveryOf(string providerMessageId) =>
        new(recentlySent.DeliveryOf(providerMessageId), SendInFlight: staffMessageInFlight);

    /// <summary>Client messages from one webhook, in the provider's order; duplicates are dropped. A conversation of
    /// another name passes them on.</summary>
    [WorkflowSignal]
    public async Task ReceiveAsync(InboundBatch batch)
    {
        if (state.ForwardsTo is not null && batch.Hops < MostHops)
        {
            forwards.Enqueue(batch with { Hops = batch.Hops + 1 });
            return;
        }

        if (batch.Client is { } client)
        {
            Learn(client);
        }

        if (batch.ChannelUid != state.ChannelUid)
        {
            // The number was reconnected (a new VCS channel): the conversation continues in a new session there.
            state = state with { ChannelUid = batch.ChannelUid, SessionUid = null, Status = SessionStatus.None };
        }
        if (batch.BusinessUid != state.BusinessUid)
        {
            state = state with { BusinessUid = batch.BusinessUid, ContactUid = null };
        }
        foreach (var message in batch.Messages)
        {
            if (Remember(message.ProviderMessageId))
            {
                Enqueue(new QueuedMessage(message, nextArrival++));
                if (message.NowKnownAs is { } now)
                {
                    // The same person under a new number or user id: staff's replies go there from now on.
                    state = state with { Client = now with { Name = now.Name ?? state.Client?.Name } };
                    Learn(now);
                }
                if (!message.FromBusiness && (state.LatestClientMessageAt is not { } latest || message.SentAt >= latest))
                {
                    state = state with { LatestClientMessageId = message.ProviderMessageId, LatestClientMessageAt = message.SentAt };
                }
            }
        }
    }

    /// <summary>This conversation is another name of the client's conversation <paramref name="conversationId"/>:
    /// what arrives from now on, and what waits here still, is passed on to it.</summary>
    [WorkflowSignal]
    public async Task ForwardToAsync(string conversationId)
    {
        if (conversationId != Workflow.Info.WorkflowId)
        {
            state = state with { ForwardsTo = conversationId };
        }
    }

    /// <summary>A staff member's message for the client; the same message_uid twice is sent once.</summary>
    [WorkflowSignal]
    public async Task SendAsync(StaffMessage message)
    {
        if (Remember(OutboundKey(message.MessageUid)))
        {
            outbound.Enqueue(message);
        }
    }

    [WorkflowSignal]
    public async Task ReportStatusAsync(SessionStatusReport report) => reports.Enqueue(report);

    /// <summary>The provider says every staff message sent up to a moment reached a status (a provider whose receipts
    /// come as delivery and read watermarks): passed on to each of those messages' deliveries (see <see cref="ReceiptsAsync"/>).</summary>
    [WorkflowSignal]
    public async Task ReceiptWatermarkAsync(ReceiptWatermark receipt) => watermarks.Enqueue(receipt);

    /// <summary>A delivery is done with the other side (see <see cref="RunInTurnAsync"/>). Its wire name is the one
    /// deliveries started before this name was chosen still send.</summary>
    [WorkflowSignal("MessageHandedOver")]
    public async Task DeliverySettledAsync(DeliverySettled note)
    {
        if (note.SentAs is { } providerMessageId)
        {
            recentlySent.Add(providerMessageId, note.DeliveryId);
            if (note.SentAt is { } sentAt)
            {
                foreach (var earlier in awaitingReceipts.Add(new AwaitingReceipt(note.DeliveryId, providerMessageId, sentAt)))
                {
                    watermarks.Enqueue(earlier);
                }
            }
        }
        // A delivery an operator retried reports its new send too; only the ones being waited for count here.
        if (awaited.Contains(note.DeliveryId))
        {
            settled.Add(note.DeliveryId);
        }
    }

    /// <summary>
    /// Two independent lines, one per direction, each in its own order: a client message waiting for vcita never
    /// holds up staff replies, and the other way round. When Temporal suggests continuing as new, both finish the
    /// message in hand and the next run takes over what is still queued.
    /// </summary>
    [WorkflowRun]
    public async Task RunAsync(SessionInput input)
    {
        await Workflow.WhenAllAsync(ClientMessagesAsync(input), StaffMessagesAsync(input), ReceiptsAsync());
        // Every message lengthens the history; a new run starts short, with what this one had not finished.
        var next = input with
        {
            Carried = new SessionCarry(state, [.. queue], [.. recentIds], nextArrival, [.. reports])
            {
                Outbound = [.. outbound],
                RecentlySent = recentlySent.Entries,
                KnownIds = [.. knownIds],
                IdsToName = [.. idsToName],
                Forwards = [.. forwards],
                AwaitingReceipts = awaitingReceipts.Entries,
                FurthestWatermarks = awaitingReceipts.Furthest,
                Watermarks = [.. watermarks],
            },
        };
        throw Workflow.CreateContinueAsNewException((SessionWorkflow wf) => wf.RunAsync(next));
    }

    /// <summary>Client messages to vcita, one at a time, once the VCS session is active; or, in a conversation of
    /// another name, to the conversation it names.</summary>
    private async Task ClientMessagesAsync(SessionInput input)
    {
        while (!Draining())
        {
            await Workflow.WaitConditionAsync(() => queue.Count > 0 || reports.Count > 0 || forwards.Count > 0 || idsToName.Count > 0 || Draining());
            ApplyReports();
            if (draining)
            {
                break;
            }

            if (idsToName.Count > 0)
            {
                await NameOtherIdsAsync(input);
            }
            else if (state.ForwardsTo is { } owner)
            {
                await ForwardAsync(owner);
            }
            else if (queue.Count > 0)
            {
                // Taken by reference: an earlier message arriving meanwhile is queued ahead of it, and goes next.
                var next = queue[0];
                if (await TryEnsureSessionActiveAsync(input))
                {
                    await PostToVcitaAsync(input, next.Message);
                    queue.Remove(next);
                }
            }
        }
    }

    /// <summary>
    /// For each new id of the client, a conversation of that name passing on to this one: started here, or — when
    /// one already runs under it — told to pass on here; unless this conversation has not reached vcita yet, then it
    /// passes on to that one instead, which has.
    /// </summary>
    private async Task NameOtherIdsAsync(SessionInput input)
    {
        while (idsToName.TryDequeue(out var id))
        {
            var other = WorkflowIds.Session(input.Provider, input.AccountId, id);
            if (other == Workflow.Info.WorkflowId)
            {
                continue;
            }

            var named = input with
            {
                Client = (state.Client ?? input.Client) with { Id = id },
                ForwardsTo = Workflow.Info.WorkflowId,
                Carried = null,
            };
            try
            {
                await Workflow.StartChildWorkflowAsync((SessionWorkflow wf) => wf.RunAsync(named), OtherNameOptions(other));
            }
            catch (WorkflowAlreadyStartedException)
            {
                if (state.ContactUid is null && state.SessionUid is null && state.ForwardsTo is null)
                {
                    state = state with { ForwardsTo = other };
                }
                else
                {
                    await Workflow.GetExternalWorkflowHandle<SessionWorkflow>(other).SignalAsync(wf => wf.ForwardToAsync(Workflow.Info.WorkflowId));
                }
            }
        }
    }

    /// <summary>What waits here, then each batch that arrived, to the conversation this one is another name of.</summary>
    private async Task ForwardAsync(string owner)
    {
        if (queue.Count > 0)
        {
            forwards.Enqueue(new InboundBatch(state.BusinessUid, state.ChannelUid, [.. queue.Select(q => q.Message)], state.Client) { Hops = 1 });
            queue.Clear();
        }
        while (forwards.TryDequeue(out var batch))
        {
            await Workflow.GetExternalWorkflowHandle<SessionWorkflow>(owner).SignalAsync(wf => wf.ReceiveAsync(batch));
        }
    }

    /// <summary>A conversation of another name lives as long as the client may write under it: it outlives this run.</summary>
    private static ChildWorkflowOptions OtherNameOptions(string id) => new()
    {
        Id = id,
        ParentClosePolicy = ParentClosePolicy.Abandon,
    };

    /// <summary>Notes the client's ids; each new one is to be given a conversation of its name (see <see cref="NameOtherIdsAsync"/>).</summary>
    private void Learn(ClientIdentity client)
    {
        if (state.Client is { } known && state.ForwardsTo is null)
        {
            // Only a notice changes who the client is; other messages may only tell more.
            state = state with { Client = known with { UserId = known.UserId ?? client.UserId, ParentUserId = known.ParentUserId ?? client.ParentUserId, Name = known.Name ?? client.Name } };
        }
        foreach (var id in client.Ids())
        {
            if (knownIds.Add(id))
            {
                idsToName.Enqueue(id);
            }
        }
    }

    /// <summary>Staff messages to the client, one at a time: the next waits while one is being retried, and goes
    /// once that one is sent or has given up.</summary>
    private async Task StaffMessagesAsync(SessionInput input)
    {
        while (!Draining())
        {
            await Workflow.WaitConditionAsync(() => outbound.Count > 0 || Draining());
            if (outbound.Count > 0 && !draining)
            {
                await SendToClientAsync(input, outbound.Peek());
                outbound.Dequeue();
            }
        }
    }

    /// <summary>Watermark receipts to the deliveries of the staff messages they cover, as each delivery's provider
    /// status (which the delivery takes forward only). A delivery that has ended is forgotten.</summary>
    private async Task ReceiptsAsync()
    {
        while (!Draining())
        {
            await Workflow.WaitConditionAsync(() => watermarks.Count > 0 || Draining());
            while (!draining && watermarks.TryDequeue(out var receipt))
            {
                foreach (var message in awaitingReceipts.Apply(receipt))
                {
                    IReadOnlyList<ProviderStatusReport> status = [new ProviderStatusReport(message.ProviderMessageId, receipt.Status, receipt.Watermark)];
                    try
                    {
                        await Workflow.GetExternalWorkflowHandle<OutboundDeliveryWorkflow>(message.DeliveryId).SignalAsync(wf => wf.ReportProviderStatusAsync(status));
                    }
                    catch (FailureException)
                    {
                        awaitingReceipts.Forget(message.DeliveryId);
                    }
                }
            }
        }
    }

    private bool Draining() => draining |= Workflow.ContinueAsNewSuggested;

    /// <summary>
    /// <see cref="EnsureSessionActiveAsync"/>; when vcita refuses for good (a deleted channel, a revoked business),
    /// the conversation does not die and drops nothing: it says why where operators look, pauses, and tries again
    /// (sooner if vcita reports something meanwhile).
    /// </summary>
    private async Task<bool> TryEnsureSessionActiveAsync(SessionInput input)
    {
        try
        {
            await EnsureSessionActiveAsync(input);
            if (state.BlockedBy != null)
            {
                state = state with { BlockedBy = null };
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueUnset());
            }
            return true;
        }
        catch (ActivityFailureException e)
        {
            var reason = (e.InnerException as ApplicationFailureException)?.ErrorType ?? "session_unavailable";
            state = state with { BlockedBy = reason };
            Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueSet(reason));
            await Workflow.WaitConditionAsync(() => reports.Count > 0, BlockedPause);
            return false;
        }
    }

    /// <summary>Makes sure there is a contact and an active VCS session, opening, reactivating or waiting as needed.</summary>
    private async Task EnsureSessionActiveAsync(SessionInput input)
    {
        if (state.ContactUid == null)
        {
            var contactUid = await Workflow.ExecuteActivityAsync(
                (SessionActivities a) => a.FindOrCreateContactAsync(new ContactRequest(state.BusinessUid, input.Provider, state.Client ?? input.Client) { AccountId = input.AccountId }),
                SessionActivities.Options);
            state = state with { ContactUid = contactUid };
        }

        while (state.Status != SessionStatus.Active)
        {
            if (SessionStatus.IsOver(state.Status))
            {
                var request = new OpenSessionRequest(state.BusinessUid, state.ChannelUid, state.ContactUid, Workflow.Info.WorkflowId);
                var opened = await Workflow.ExecuteActivityAsync((SessionActivities a) => a.OpenSessionAsync(request), SessionActivities.Options);
                state = state with { SessionUid = opened.SessionUid, Status = opened.Status, AiStatus = opened.AiStatus };
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.SessionUid.ValueSet(opened.SessionUid));
                ApplyReports(); // vcita may have confirmed while the call was out
            }
            else if (state.Status == SessionStatus.Inactive)
            {
                var change = new SessionStatusChange(state.BusinessUid, state.SessionUid!, SessionStatus.Active);
                await Workflow.ExecuteActivityAsync((SessionActivities a) => a.ChangeStatusAsync(change), SessionActivities.Options);
                state = state with { Status = SessionStatus.Pending }; // vcita confirms by calling back
                ApplyReports();
            }
            else if (await Workflow.WaitConditionAsync(() => reports.Count > 0, ActivationWait))
            {
                ApplyReports();
            }
            else if (!state.ActivationOverdue)
            {
                // No confirmation yet: say so where operators look, and keep waiting for it.
                state = state with { ActivationOverdue = true };
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueSet("session_activation_overdue"));
            }
        }

        if (state.ActivationOverdue)
        {
            state = state with { ActivationOverdue = false };
            Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueUnset());
        }
    }

    /// <summary>
    /// Starts the client message's delivery and waits until vcita has the message (or the delivery gave up): the
    /// delivery tells so by a signal, and then lives on alone for the message's status.
    /// </summary>
    private async Task PostToVcitaAsync(SessionInput input, InboundMessage message)
    {
        var id = WorkflowIds.InboundDelivery(input.Provider, message.ProviderMessageId);
        var delivery = new InboundDeliveryInput(
            input.Provider, input.AccountId, state.BusinessUid, state.ChannelUid, Workflow.Info.WorkflowId, state.ContactUid!, message)
        {
            ClientId = (state.Client ?? input.Client).Id,
        };
        await RunInTurnAsync(id, async () => await Workflow.StartChildWorkflowAsync(
            (InboundDeliveryWorkflow wf) => wf.RunAsync(delivery), InboundDeliveryWorkflow.ChildOptions(id, delivery)));
    }

    /// <summary>
    /// Starts the staff message's delivery and waits until it has sent the message (or given up), like
    /// <see cref="PostToVcitaAsync"/> the other way.
    /// </summary>
    private async Task SendToClientAsync(SessionInput input, StaffMessage message)
    {
        var id = WorkflowIds.OutboundDelivery(message.ChannelUid, message.MessageUid);
        var delivery = new OutboundDeliveryInput(
            input.Provider, input.AccountId, state.BusinessUid, Workflow.Info.WorkflowId, state.Client ?? input.Client, message)
        {
            WaitsForReconnection = true,
        };
        staffMessageInFlight = true; // its provider id is not known until the delivery says (see DeliveryOf)
        await RunInTurnAsync(id, async () => await Workflow.StartChildWorkflowAsync(
            (OutboundDeliveryWorkflow wf) => wf.RunAsync(delivery), OutboundDeliveryWorkflow.ChildOptions(id, delivery)));
        staffMessageInFlight = false;
    }

    /// <summary>
    /// Starts a delivery and waits until it has settled (<see cref="DeliverySettledAsync"/>); a delivery that ends without it (failed,
    /// terminated) must not hold the conversation up either. One that already exists was started by an earlier run
    /// of this session: nothing to do twice.
    /// </summary>
    private async Task RunInTurnAsync(string deliveryId, Func<Task<ChildWorkflowHandle>> start)
    {
        awaited.Add(deliveryId);
        try
        {
            var child = await start();
            using var settledOrClosed = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
            await Workflow.WhenAnyAsync(
                Workflow.WaitConditionAsync(() => settled.Contains(deliveryId), settledOrClosed.Token),
                WaitClosedAsync(child));
            settledOrClosed.Cancel(); // synchronously: CancelAsync would run the callbacks off the workflow's scheduler
        }
        catch (WorkflowAlreadyStartedException)
        {
            // Started before, by an earlier run.
        }
        awaited.Remove(deliveryId);
        settled.Remove(deliveryId);
    }

    private static async Task WaitClosedAsync(ChildWorkflowHandle child)
    {
        try
        {
            await child.GetResultAsync();
        }
        catch (ChildWorkflowFailureException)
        {
            // Its own history and search attributes tell why; the conversation goes on.
        }
    }

    /// <summary>Staff message uids share the duplicate memory with provider ids, under their own prefix.</summary>
    private static string OutboundKey(string messageUid) => $"out:{messageUid}";

    private void ApplyReports()
    {
        while (reports.TryDequeue(out var report))
        {
            // A report about an earlier session of this conversation changes nothing now.
            if (report.SessionUid == state.SessionUid)
            {
                state = state with { Status = report.Status, AiStatus = report.AiStatus ?? state.AiStatus };
            }
        }
    }

    private bool Remember(string providerMessageId)
    {
        if (!recent.Add(providerMessageId))
        {
            return false;
        }
        recentIds.Enqueue(providerMessageId);
        if (recentIds.Count > RecentIdsKept)
        {
            recent.Remove(recentIds.Dequeue());
        }
        return true;
    }

    /// <summary>In order of the provider's timestamp, then of arrival: a late-arriving earlier message goes first.</summary>
    private void Enqueue(QueuedMessage item)
    {
        var at = queue.FindIndex(q => q.Message.SentAt > item.Message.SentAt);
        queue.Insert(at < 0 ? queue.Count : at, item);
    }

    private void Restore(SessionCarry? carried)
    {
        if (carried == null)
        {
            return;
        }
        queue.AddRange(carried.Queue);
        foreach (var id in carried.RecentMessageIds)
        {
            Remember(id);
        }
        nextArrival = carried.NextArrival;
        foreach (var message in carried.Outbound)
        {
            outbound.Enqueue(message);
        }
        recentlySent.Restore(carried.RecentlySent);
        foreach (var report in carried.Reports)
        {
            reports.Enqueue(report);
        }
        knownIds.UnionWith(carried.KnownIds);
        awaitingReceipts.Restore(carried.AwaitingReceipts, carried.FurthestWatermarks);
        foreach (var receipt in carried.Watermarks)
        {
            watermarks.Enqueue(receipt);
        }
        foreach (var id in carried.IdsToName)
        {
            idsToName.Enqueue(id);
        }
        foreach (var batch in carried.Forwards)
        {
            forwards.Enqueue(batch);
        }
    }
}
