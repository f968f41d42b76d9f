using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Channels;

/// <summary>
/// Tells every channel a revocation is for that its access is gone: each then needs reconnection, or disconnects
/// (deleting its vcita channel and forgetting its credentials). Durable from the moment the report is accepted, so the
/// report is answered only once it is: a bridge that stops half-way goes on where it stopped.
/// </summary>
[Workflow]
public sealed class RevocationWorkflow
{
    [WorkflowQuery]
    public RevocationState State { get; private set; } = null!;

    [WorkflowRun]
    public async Task<RevocationState> RunAsync(RevocationInput input)
    {
        State = new RevocationState(input.Revocation.Reason, input.Revocation.Disconnect, Channels: null, Done: false);
        var channels = await Workflow.ExecuteActivityAsync(
            (ChannelActivities a) => a.FindChannelsAsync(new ChannelSearch(input.Providers, input.ConnectedBy, input.AccountGroupId)),
            ChannelActivities.Options);
        State = State with { Channels = channels.Count };
        foreach (var channel in channels)
        {
            try
            {
                await Workflow.GetExternalWorkflowHandle<ChannelWorkflow>(channel).SignalAsync(wf => wf.AccessRevokedAsync(input.Revocation));
            }
            catch (FailureException)
            {
                // Ended meanwhile: nothing left to take away.
            }
        }
        State = State with { Done = true };
        return State;
    }
}
