using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>The template a channel sends in place of a staff message outside the provider's customer-service
/// window, as the operator configured it when connecting the channel (its workflow's state).</summary>
public sealed class ChannelTemplates(ITemporalClient temporal)
{
    /// <summary>The channel's window template, or null when none is configured (or the channel is gone).</summary>
    public async Task<MessageTemplate?> FindWindowTemplateAsync(string provider, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await temporal.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(provider, accountId))
                .QueryAsync(wf => wf.State, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return state.WindowTemplate;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }
}
