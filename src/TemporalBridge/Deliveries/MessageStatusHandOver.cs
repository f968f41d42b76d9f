using TemporalBridge.CommunicationApp;
using TemporalBridge.Conversations;
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
public sealed class MessageStatusHandOver(ITemporalClient temporal) : IMessageStatusHandOver
{
    public async Task<HandOver> HandOverAsync(string messageUid, MessageStatusBody update, CancellationToken cancellationToken)
    {
        if (!InboundMessageUid.TryParse(messageUid, out var provider, out var providerMessageId))
        {
            return HandOver.Unknown("message_uid", messageUid);
        }
        if (!VcitaMessageStatus.IsFinal(update.Status))
        {
            // The delivery acts only on a final status (read: the client's read receipt; error: the end). Anything
            // earlier would change nothing there, so it costs no Temporal action: accepted as it is.
            return HandOver.Accepted;
        }
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var delivery = temporal.GetWorkflowHandle<InboundDeliveryWorkflow>(WorkflowIds.InboundDelivery(provider, providerMessageId));
        try
        {
            await delivery.SignalAsync(wf => wf.ReportVcitaStatusAsync(update.Status), new WorkflowSignalOptions { Rpc = rpc });
            return HandOver.Accepted;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return await ExistedAsync(delivery, rpc) ? HandOver.Accepted : HandOver.Unknown("message_uid", messageUid);
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
