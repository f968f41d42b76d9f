using TemporalBridge.CommunicationApp;
using TemporalBridge.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;

namespace TemporalBridge.Typing;

/// <summary>
/// vcita's <c>POST /vcita/sessions/{session_uid}/typing</c>: staff is typing, so the client is shown the business's
/// typing indicator on their latest message. Straight to the provider, never through a workflow: the indicator only
/// matters for the next seconds. WhatsApp shows it for <see cref="TypingState.Window"/> (or until the business
/// replies) and has no call to hide it, so a "typing" is passed on once per window, and "stopped typing" only lets
/// the next "typing" through. Whose session it is gets answered like on every vcita route (404 unknown, 503 when
/// Temporal cannot tell); whatever fails after that is logged and answered 204, because vcita sending the event
/// again later would only show a late indicator.
/// </summary>
public sealed partial class StaffTypingRelay(
    UidOwners owners,
    TypingState typingState,
    SessionStateCache sessions,
    MessagingProviders providers,
    BridgeMetrics metrics,
    ILogger<StaffTypingRelay> logger)
    : IStaffTypingRelay
{
    public async Task<HandOver> RelayAsync(string sessionUid, TypingBody typing, CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeHandOver(HandOverKinds.Typing);
        var owner = await owners.FindAsync(SessionActivities.SessionUids, sessionUid, cancellationToken);
        if (owner == null || !WorkflowIds.TryParseSession(owner, out var provider, out var accountId, out _))
        {
            return timing.Ended(HandOver.Unknown("session_uid", sessionUid), HandOverOutcomes.Unknown);
        }

        using var scope = logger.BeginConcernScope(owner);
        if (!typing.Typing)
        {
            await typingState.ForgetAsync(owner);
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        if (!await typingState.TryStartStaffTypingAsync(owner))
        {
            LogAlreadyShowing(sessionUid);
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }

        var failure = await BestEffortCall.TryAsync(async cancel => await ShowAsync(owner, sessionUid, provider, accountId, cancel), cancellationToken);
        if (failure != null)
        {
            // The window stays: a provider that failed is not called again for every keystroke of the same typist.
            LogNotShown(sessionUid, provider, failure);
        }
        // Accepted either way: a failure to show the indicator is logged, never answered as an error.
        return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
    }

    private async Task ShowAsync(string owner, string sessionUid, string provider, string accountId, CancellationToken cancellationToken)
    {
        var latest = await sessions.FindLatestClientMessageIdAsync(owner, cancellationToken);
        if (latest == null)
        {
            // An indicator is shown on a client's message; until there is one, the next "typing" must try again.
            await typingState.ForgetAsync(owner);
            LogNoClientMessage(sessionUid);
            return;
        }
        await providers.Get(provider).ShowTypingAsync(accountId, latest, cancellationToken);
        LogShown(sessionUid, provider);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Staff typing in session {SessionUid}: the indicator is already showing")]
    private partial void LogAlreadyShowing(string sessionUid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Staff typing in session {SessionUid}: the client has sent no message yet to show it on")]
    private partial void LogNoClientMessage(string sessionUid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Showed the client of session {SessionUid} that the business is typing ({Provider})")]
    private partial void LogShown(string sessionUid, string provider);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not show the client of session {SessionUid} that the business is typing ({Provider}); not retried: {Reason}")]
    private partial void LogNotShown(string sessionUid, string provider, string reason);
}
