using TemporalBridge.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Hands a provider's statuses of the bridge's sent messages to the deliveries that sent them: the mirror of
/// <see cref="MessageStatusHandOver"/>. A status that names its delivery (<see cref="DeliveryStatusEvent.DeliveryId"/>:
/// every send says which delivery made it) goes straight there, with no lookup, even when it overtakes the send's
/// own answer; and a <c>sent</c> alone costs no signal at all, since the send told vcita <c>sent</c> itself. A status
/// without it (a message sent before sends named their delivery) is found through the Redis cache the send filled,
/// else by asking the recipient's conversation, which remembers its recent sends. One signal per delivery per
/// webhook, carrying all its statuses. A status of a message the bridge did not send (another app on the same
/// number) is not handed over.
/// </summary>
public sealed partial class ProviderStatusHandOver(
    OutboundMessageIds sentIds, ITemporalClient temporal, BridgeMetrics metrics, ILogger<ProviderStatusHandOver> logger)
{
    private const int DeliveriesAtOnce = 16;

    /// <summary>A provider may report a status before the send call that made the message has returned to the
    /// bridge: while the recipient's conversation has a send under way, an unknown id is looked up again this long.</summary>
    internal static readonly TimeSpan SendRaceWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LookAgainEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Answers how many statuses were handed over; the others belong to no delivery of this bridge.</summary>
    public async Task<int> HandOverAsync(IReadOnlyList<DeliveryStatusEvent> statuses, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return 0;
        }
        using var timing = metrics.TimeHandOver(HandOverKinds.ProviderStatus);
        var handedOver = 0;
        await Parallel.ForEachAsync(
            statuses.GroupBy(s => (s.Provider, s.ProviderMessageId)),
            new ParallelOptions { MaxDegreeOfParallelism = DeliveriesAtOnce, CancellationToken = cancellationToken },
            async (message, cancel) =>
            {
                var reports = message.Select(s => new ProviderStatusReport(s.ProviderMessageId, s.Status, s.At, s.Error) { Pricing = s.Pricing }).ToList();
                var named = message.Select(s => s.DeliveryId).FirstOrDefault(id => id is not null);
                if (named is not null && reports.All(r => r.Status == ProviderDeliveryStatus.Sent))
                {
                    // Its delivery told vcita "sent" when the provider took the message: nothing changes.
                    Interlocked.Add(ref handedOver, reports.Count);
                    return;
                }
                if (await SignalAsync(message.First() with { DeliveryId = named }, reports, cancel))
                {
                    Interlocked.Add(ref handedOver, reports.Count);
                }
            });
        return timing.Ended(handedOver, handedOver == statuses.Count ? HandOverOutcomes.Accepted : HandOverOutcomes.Unknown);
    }

    private async Task<bool> SignalAsync(DeliveryStatusEvent status, List<ProviderStatusReport> reports, CancellationToken cancellationToken)
    {
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var deliveryId = await FindDeliveryAsync(status, rpc);
        if (deliveryId is null)
        {
            LogUnknownMessage(status.Provider, reports.Count);
            return false;
        }
        using var scope = logger.BeginConcernScope(deliveryId, WorkflowIds.MessageUidOfOutboundDelivery(deliveryId));
        try
        {
            await temporal.GetWorkflowHandle<OutboundDeliveryWorkflow>(deliveryId)
                .SignalAsync(wf => wf.ReportProviderStatusAsync(reports), new WorkflowSignalOptions { Rpc = rpc });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            // The delivery has finished (read, failed for good, or stopped waiting): a late status changes nothing.
        }
        return true;
    }

    /// <summary>
    /// The delivery the status names; else the cache the send filled, else the recipient's conversation (whose answer is cached again). While a send to
    /// that client is under way (the conversation says so, or the send's Redis mark does), only the cache is looked
    /// at again, until <see cref="SendRaceWait"/> has passed; then the conversation is asked once more (Redis may be
    /// down). At most two queries, whatever the wait.
    /// </summary>
    private async Task<string?> FindDeliveryAsync(DeliveryStatusEvent status, RpcOptions rpc)
    {
        if (status.DeliveryId is { } named)
        {
            return named;
        }
        if (await sentIds.FindAsync(status.Provider, status.ProviderMessageId) is { } cached)
        {
            return cached;
        }
        var known = await AskConversationAsync(status, rpc);
        if (known.DeliveryId is null && (known.SendInFlight || await IsSendingAsync(status)))
        {
            var deadline = DateTime.UtcNow + SendRaceWait;
            do
            {
                await Task.Delay(LookAgainEvery, rpc.CancellationToken ?? CancellationToken.None);
                // A send that finished recorded its id before clearing its mark: the cache has it by then.
                if (await sentIds.FindAsync(status.Provider, status.ProviderMessageId) is { } recorded)
                {
                    return recorded;
                }
            }
            while (DateTime.UtcNow < deadline && await IsSendingAsync(status));
            known = await AskConversationAsync(status, rpc);
        }
        if (known.DeliveryId is { } deliveryId)
        {
            await sentIds.RecordAsync(status.Provider, status.ProviderMessageId, deliveryId);
        }
        return known.DeliveryId;
    }

    private async Task<bool> IsSendingAsync(DeliveryStatusEvent status) =>
        SessionOf(status) is not null && await sentIds.IsSendingAsync(status.Provider, status.AccountId, status.RecipientId!);

    private async Task<SentLookup> AskConversationAsync(DeliveryStatusEvent status, RpcOptions rpc)
    {
        if (SessionOf(status) is not { } sessionId)
        {
            return new SentLookup(null, SendInFlight: false);
        }
        try
        {
            return await temporal.GetWorkflowHandle<SessionWorkflow>(sessionId)
                .QueryAsync(wf => wf.DeliveryOf(status.ProviderMessageId), new WorkflowQueryOptions { Rpc = rpc });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return new SentLookup(null, SendInFlight: false);
        }
    }

    /// <summary>The recipient's conversation; null when the status names no recipient fit for a workflow id.</summary>
    private static string? SessionOf(DeliveryStatusEvent status)
    {
        try
        {
            return string.IsNullOrEmpty(status.RecipientId) ? null : WorkflowIds.Session(status.Provider, status.AccountId, status.RecipientId);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} {Provider} status(es) of a message this bridge did not send were acknowledged and dropped")]
    private partial void LogUnknownMessage(string provider, int count);
}
