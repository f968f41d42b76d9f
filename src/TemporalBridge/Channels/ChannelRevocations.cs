using Microsoft.Extensions.Options;
using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>Starts <see cref="RevocationWorkflow"/>s for the provider's reports, and says where one stands.</summary>
public sealed class ChannelRevocations(ITemporalClient temporal, IOptions<TemporalOptions> options)
{
    /// <summary>Starts the revocation unless one with this id runs or ran (a report sent again: acting on it twice
    /// would take away access the business gave back meanwhile); returns once Temporal has it.</summary>
    public async Task StartAsync(string workflowId, RevocationInput input, CancellationToken cancellationToken)
    {
        try
        {
            await temporal.StartWorkflowAsync(
                (RevocationWorkflow wf) => wf.RunAsync(input),
                new WorkflowOptions(workflowId, options.Value.TaskQueue)
                {
                    IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                    Rpc = new RpcOptions { CancellationToken = cancellationToken },
                });
        }
        catch (WorkflowAlreadyStartedException)
        {
            // Acted on already.
        }
    }

    /// <summary>Where the revocation stands, or null when there is none with this id.</summary>
    public async Task<RevocationState?> FindAsync(string workflowId, CancellationToken cancellationToken)
    {
        var handle = temporal.GetWorkflowHandle<RevocationWorkflow>(workflowId);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        try
        {
            var description = await handle.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc });
            return description.Status == WorkflowExecutionStatus.Completed
                ? await handle.GetResultAsync<RevocationState>(followRuns: true, rpcOptions: rpc)
                : await handle.QueryAsync(wf => wf.State, new WorkflowQueryOptions { Rpc = rpc });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }
}
