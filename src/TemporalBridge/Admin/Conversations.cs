using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Admin;

/// <summary>
/// The admin API's side of the session workflows: one conversation as its workflow knows it, found by vcita's
/// session uid (the uid vcita's conversation page and its calls name), so an operator sees where a conversation
/// stands — including whether vcita's AI receptionist owns it.
/// </summary>
public sealed class Conversations(UidOwners owners, ITemporalClient temporal)
{
    /// <summary>The conversation of a VCS session, or null when no running conversation of this bridge has it.</summary>
    public async Task<ConversationView?> FindAsync(string sessionUid, CancellationToken cancellationToken)
    {
        if (await owners.FindAsync(SessionActivities.SessionUids, sessionUid, cancellationToken) is not { } workflowId)
        {
            return null;
        }

        try
        {
            var state = await temporal.GetWorkflowHandle<SessionWorkflow>(workflowId).QueryAsync(
                wf => wf.State, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return ConversationView.From(workflowId, state);
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }
}
