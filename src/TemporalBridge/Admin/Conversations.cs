using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Admin;

/// <summary>
/// The admin API's side of the session workflows: one conversation as its workflow knows it, found by vcita's
/// session uid (the uid vcita's conversation page and its calls name) or by the client's number or id, so an operator
/// sees where a conversation stands — including whether vcita's AI receptionist owns it.
/// </summary>
public sealed class Conversations(UidOwners owners, ITemporalClient temporal)
{
    /// <summary>The conversation of a VCS session, or null when no running conversation of this bridge has it.</summary>
    public async Task<ConversationView?> FindAsync(string sessionUid, CancellationToken cancellationToken) =>
        await owners.FindAsync(SessionActivities.SessionUids, sessionUid, cancellationToken) is { } workflowId
            ? await ShowAsync(workflowId, cancellationToken)
            : null;

    /// <summary>The conversation of a client (their number, their page-scoped id) on a provider account, found by the
    /// client's pseudonym, since that is all its id holds; null when none runs.</summary>
    public Task<ConversationView?> FindByClientAsync(string provider, string accountId, string clientId, CancellationToken cancellationToken) =>
        ShowAsync(WorkflowIds.Session(provider, accountId, clientId), cancellationToken);

    private async Task<ConversationView?> ShowAsync(string workflowId, CancellationToken cancellationToken)
    {
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
