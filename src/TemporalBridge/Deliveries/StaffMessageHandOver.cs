using TemporalBridge.CommunicationApp;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Hands vcita's <c>POST /vcita/messages</c> (a staff member wrote to a client) to the conversation: the
/// <c>external_uid</c> is the session workflow's id, as the bridge gave it when it created the session. The session
/// sends the conversation's staff messages in order and sends each message_uid once, however often vcita posts it.
/// </summary>
public sealed class StaffMessageHandOver(ITemporalClient temporal) : IStaffMessageHandOver
{
    public async Task<HandOver> HandOverAsync(StaffMessageBody message, CancellationToken cancellationToken)
    {
        if (!WorkflowIds.TryParseSession(message.ExternalUid, out _, out _, out _))
        {
            return HandOver.Unknown("external_uid", message.ExternalUid);
        }
        try
        {
            await temporal.GetWorkflowHandle<SessionWorkflow>(message.ExternalUid).SignalAsync(
                wf => wf.SendAsync(new StaffMessage(message.MessageUid, message.ChannelUid, message.Message)),
                new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return HandOver.Accepted;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return HandOver.Unknown("external_uid", message.ExternalUid);
        }
    }
}
