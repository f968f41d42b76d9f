using TemporalBridge.CommunicationApp;
using TemporalBridge.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Hands vcita's <c>PUT /vcita/messages/{message_uid}</c> to the delivery of that message. A client message's uid
/// leads straight to its delivery (<see cref="InboundMessageUid"/>). Only final statuses are handed over (those the
/// delivery acts on); a status for a delivery that has already finished is accepted and changes nothing (statuses
/// only move forward); a uid that is not a client message's, or whose delivery never existed, is unknown.
/// </summary>
public sealed class MessageStatusHandOver(ITemporalClient temporal, BridgeMetrics metrics, ILogger<MessageStatusHandOver> logger)
    : IMessageStatusHandOver
{
    public async Task<HandOver> HandOverAsync(string messageUid, MessageStatusBody update, CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeHandOver(HandOverKinds.MessageStatus);
        if (!InboundMessageUid.TryParse(messageUid, out var provider, out var providerMessageId))
        {
            return timing.Ended(HandOver.Unknown("message_uid", messageUid), HandOverOutcomes.Unknown);
        }
        if (!VcitaMessageStatus.IsFinal(update.Status))
        {
            // The delivery acts only on a final status (read: the client's read receipt; error: the end). Anything
            // earlier would change nothing there, so it costs no Temporal action: accepted as it is.
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var deliveryId = WorkflowIds.InboundDelivery(provider, providerMessageId);
        using var scope = logger.BeginConcernScope(deliveryId, messageUid);
        var delivery = temporal.GetWorkflowHandle<InboundDeliveryWorkflow>(deliveryId);
        try
        {
            await delivery.SignalAsync(wf => wf.ReportVcitaStatusAsync(update.Status), new WorkflowSignalOptions { Rpc = rpc });
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return await ExistedAsync(delivery, rpc)
                ? timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted)
                : timing.Ended(HandOver.Unknown("message_uid", messageUid), HandOverOutcomes.Unknown);
        }
    }

    private static async Task<bool> ExistedAsync(WorkflowHandle delivery, RpcOptions rpc)
    {
        try
        {
            await delivery.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc });
            return true;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }
}
