using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>
/// Tells a channel that the provider rejected its account's token on a delivery's send, so the channel needs
/// reconnection and wakes that delivery when the account is connected again. Called by the send activity through
/// Temporal's client rather than by the delivery workflow, so deliveries already running replay unchanged.
/// </summary>
public sealed class ChannelReconnections(ITemporalClient temporal)
{
    public async Task TokenRejectedAsync(string provider, string accountId, string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await temporal.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(provider, accountId)).SignalAsync(
                wf => wf.TokenRejectedAsync(deliveryId), new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            // No channel runs for the account (disconnected): nothing will wake the delivery but its own re-checks.
        }
    }
}
