using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Sessions;

/// <summary>Hands vcita's <c>PUT /vcita/sessions/{session_uid}</c> to the session workflow that owns the uid.</summary>
public sealed class SessionStatusHandOver(UidOwners owners, ITemporalClient temporal) : ISessionStatusHandOver
{
    public async Task<HandOver> HandOverAsync(string sessionUid, SessionStatusBody update, CancellationToken cancellationToken)
    {
        var owner = await owners.FindAsync(SessionActivities.SessionUids, sessionUid, cancellationToken);
        if (owner == null)
        {
            return HandOver.Unknown("session_uid", sessionUid);
        }
        try
        {
            await temporal.GetWorkflowHandle<SessionWorkflow>(owner).SignalAsync(
                wf => wf.ReportStatusAsync(new SessionStatusReport(sessionUid, update.Status)),
                new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return HandOver.Accepted;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return HandOver.Unknown("session_uid", sessionUid);
        }
    }
}
