using TemporalBridge.CommunicationApp;
using TemporalBridge.Logging;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Sessions;

/// <summary>Hands vcita's <c>PUT /vcita/sessions/{session_uid}</c> to the session workflow that owns the uid.</summary>
public sealed class SessionStatusHandOver(UidOwners owners, ITemporalClient temporal, BridgeMetrics metrics, ILogger<SessionStatusHandOver> logger)
    : ISessionStatusHandOver
{
    public async Task<HandOver> HandOverAsync(string sessionUid, SessionStatusBody update, CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeHandOver(HandOverKinds.SessionStatus);
        var owner = await owners.FindAsync(SessionActivities.SessionUids, sessionUid, cancellationToken);
        if (owner == null)
        {
            return timing.Ended(HandOver.Unknown("session_uid", sessionUid), HandOverOutcomes.Unknown);
        }
        using var scope = logger.BeginConcernScope(owner);
        try
        {
            await temporal.GetWorkflowHandle<SessionWorkflow>(owner).SignalAsync(
                wf => wf.ReportStatusAsync(new SessionStatusReport(sessionUid, update.Status) { AiStatus = update.AiStatus }),
                new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return timing.Ended(HandOver.Unknown("session_uid", sessionUid), HandOverOutcomes.Unknown);
        }
    }
}
