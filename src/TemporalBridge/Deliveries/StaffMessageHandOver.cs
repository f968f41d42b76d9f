using TemporalBridge.CommunicationApp;
using TemporalBridge.Logging;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Hands vcita's <c>POST /vcita/messages</c> (a staff member wrote to a client) to the conversation: the
/// <c>external_uid</c> is the session workflow's id, as the bridge gave it when it created the session. The session
/// sends the conversation's staff messages in order and sends each message_uid once, however often vcita posts it.
/// </summary>
public sealed class StaffMessageHandOver(ITemporalClient temporal, BridgeMetrics metrics, ILogger<StaffMessageHandOver> logger)
    : IStaffMessageHandOver
{
    public async Task<HandOver> HandOverAsync(StaffMessageBody message, CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeHandOver(HandOverKinds.StaffMessage);
        if (!WorkflowIds.TryParseSession(message.ExternalUid, out _, out _))
        {
            return timing.Ended(HandOver.Unknown("external_uid", message.ExternalUid), HandOverOutcomes.Unknown);
        }
        using var scope = logger.BeginConcernScope(message.ExternalUid, message.MessageUid);
        try
        {
            await temporal.GetWorkflowHandle<SessionWorkflow>(message.ExternalUid).SignalAsync(
                wf => wf.SendAsync(new StaffMessage(message.MessageUid, message.ChannelUid, message.Message)),
                new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return timing.Ended(HandOver.Unknown("external_uid", message.ExternalUid), HandOverOutcomes.Unknown);
        }
    }
}
