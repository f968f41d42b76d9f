using TemporalBridge.CommunicationApp;
using TemporalBridge.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;

namespace TemporalBridge.Typing;

/// <summary>
/// vcita's <c>POST /vcita/sessions/{session_uid}/typing</c>: staff is typing, so the client is shown the business's
/// typing indicator (where the provider shows it on a message, on the client's latest). Straight to the provider,
/// never through a workflow: the indicator only matters for the next seconds. The provider shows it for its
/// <see cref="TypingIndicator.ShownFor"/> (or until the business replies), so a "typing" is passed on once per that
/// window; "stopped typing" hides it where the provider can, and lets the next "typing" through. Whose session it is
/// gets answered like on every vcita route (404 unknown, 503 when Temporal cannot tell); whatever fails after that is
/// logged and answered 204, because vcita sending the event again later would only show a late indicator.
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
        if (owner == null || !WorkflowIds.TryParseSession(owner, out var providerName, out var accountId))
        {
            return timing.Ended(HandOver.Unknown("session_uid", sessionUid), HandOverOutcomes.Unknown);
        }

        using var scope = logger.BeginConcernScope(owner);
        var provider = providers.Get(providerName);
        if (!typing.Typing)
        {
            var wasShowing = await typingState.ForgetAsync(owner);
            if (wasShowing && provider.Capabilities.Typing.CanHide)
            {
                await TryAsync(sessionUid, providerName, async cancel =>
                {
                    if (await sessions.FindClientIdAsync(owner, cancel) is { } clientId)
                    {
                        await provider.HideTypingAsync(accountId, clientId, cancel);
                    }
                }, cancellationToken);
            }
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }
        if (!await typingState.TryStartStaffTypingAsync(owner, provider.Capabilities.Typing.ShownFor))
        {
            LogAlreadyShowing(sessionUid);
            return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
        }

        // The window stays after a failure: a provider that failed is not called again for every keystroke of the same typist.
        await TryAsync(sessionUid, providerName, cancel => ShowAsync(owner, sessionUid, provider, accountId, cancel), cancellationToken);
        // Accepted either way: a failure to show the indicator is logged, never answered as an error.
        return timing.Ended(HandOver.Accepted, HandOverOutcomes.Accepted);
    }

    /// <summary>Where the indicator sits on a message, on the client's latest (which the conversation knows); else it is
    /// shown to the person, whose id the conversation knows too (workflow ids hold only their pseudonym).</summary>
    private async Task ShowAsync(string owner, string sessionUid, IMessagingProvider provider, string accountId, CancellationToken cancellationToken)
    {
        ClientMessageRef at;
        if (provider.Capabilities.Typing.OnClientMessage)
        {
            var latest = await sessions.FindLatestClientMessageIdAsync(owner, cancellationToken);
            if (latest == null)
            {
                // An indicator is shown on a client's message; until there is one, the next "typing" must try again.
                await typingState.ForgetAsync(owner);
                LogNoClientMessage(sessionUid);
                return;
            }
            at = new ClientMessageRef("", latest);
        }
        else if (await sessions.FindClientIdAsync(owner, cancellationToken) is { } clientId)
        {
            at = new ClientMessageRef(clientId, ProviderMessageId: null);
        }
        else
        {
            // The conversation cannot say whom it is with (it has ended meanwhile): nobody to show it to.
            await typingState.ForgetAsync(owner);
            return;
        }
        await provider.ShowTypingAsync(accountId, at, cancellationToken);
        LogShown(sessionUid, provider.Name);
    }

    private async Task TryAsync(string sessionUid, string provider, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        if (await BestEffortCall.TryAsync(call, cancellationToken) is { } failure)
        {
            LogNotPassedOn(sessionUid, provider, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Staff typing in session {SessionUid}: the indicator is already showing")]
    private partial void LogAlreadyShowing(string sessionUid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Staff typing in session {SessionUid}: the client has sent no message yet to show it on")]
    private partial void LogNoClientMessage(string sessionUid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Showed the client of session {SessionUid} that the business is typing ({Provider})")]
    private partial void LogShown(string sessionUid, string provider);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not pass staff typing in session {SessionUid} on to the client ({Provider}); not retried: {Reason}")]
    private partial void LogNotPassedOn(string sessionUid, string provider, string reason);
}
