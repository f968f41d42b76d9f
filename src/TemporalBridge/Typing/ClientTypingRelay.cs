using TemporalBridge.Businesses;
using TemporalBridge.Conversations;
using TemporalBridge.Logging;
using TemporalBridge.Temporal;
using TemporalBridge.Vcita;

namespace TemporalBridge.Typing;

/// <summary>
/// Tells vcita that clients are typing, on their conversation's VCS session, with the business's token: straight to
/// vcita, never through a workflow, since it only matters for the next seconds. A "typing" is passed on once per
/// <see cref="TypingState.Window"/>; a "stopped" is not passed on — vcita documents no way to say it (its own test of
/// <c>POST /sessions/typing</c> sends only the session and the contact) — but lets the next "typing" through. A
/// client without a VCS session yet has nobody in vcita to show it to. Nothing here throws for a failed relay: it is
/// logged and never retried, so it can never fail the webhook that carried it.
/// </summary>
public sealed partial class ClientTypingRelay(
    TypingState typingState,
    SessionStateCache sessions,
    IBusinessTokens tokens,
    IServiceScopeFactory scopes,
    ILogger<ClientTypingRelay> logger)
{
    /// <summary>A webhook carries few typing events; this bounds a burst all the same (vcita hints at a throttle of
    /// about 8 requests/s per token).</summary>
    private const int ConversationsAtOnce = 8;

    /// <summary>
    /// Relays a webhook's typing events. Of several events for one conversation only the last counts: it says what
    /// the client is doing now. Returns when every relay has been made or has failed (each within a few seconds).
    /// </summary>
    public async Task RelayAsync(IReadOnlyList<ClientTypingEvent> events, CancellationToken cancellationToken)
    {
        var latest = events.GroupBy(e => (e.Provider, e.AccountId, e.Client.Id)).Select(conversation => conversation.Last()).ToList();
        if (latest.Count == 0)
        {
            return;
        }

        // The relay lives as long as the provider hand-over holding it; a scope per batch gives it a fresh vcita
        // client, so the HttpClientFactory can rotate connections as it is meant to.
        await using var scope = scopes.CreateAsyncScope();
        var vcs = scope.ServiceProvider.GetRequiredService<IVcsApi>();
        await Parallel.ForEachAsync(
            latest,
            new ParallelOptions { MaxDegreeOfParallelism = ConversationsAtOnce, CancellationToken = cancellationToken },
            async (typing, cancel) => await RelayOneAsync(vcs, typing, cancel));
    }

    private async Task RelayOneAsync(IVcsApi vcs, ClientTypingEvent typing, CancellationToken cancellationToken)
    {
        var client = PhoneNumberMask.Mask(typing.Client.Id);
        if (!TrySessionId(typing, out var sessionWorkflowId))
        {
            LogNoSession(typing.Provider, typing.AccountId, client);
            return;
        }

        ConversationVcsSession? session = null;
        var failure = await BestEffortCall.TryAsync(
            async cancel => session = await sessions.FindVcsSessionAsync(sessionWorkflowId, cancel), cancellationToken);
        if (failure != null)
        {
            LogNotRelayed(typing.Provider, typing.AccountId, client, typing.Typing, failure);
            return;
        }
        if (session == null)
        {
            LogNoSession(typing.Provider, typing.AccountId, client);
            return;
        }

        if (!typing.Typing)
        {
            await typingState.ForgetClientTypingAsync(sessionWorkflowId);
            return;
        }
        if (!await typingState.TryStartClientTypingAsync(sessionWorkflowId))
        {
            LogAlreadyRelayed(session.SessionUid);
            return;
        }

        failure = await BestEffortCall.TryAsync(async cancel => await SetTypingAsync(vcs, session, cancel), cancellationToken);
        if (failure != null)
        {
            LogNotRelayed(typing.Provider, typing.AccountId, client, typing.Typing, failure);
        }
    }

    private async Task SetTypingAsync(IVcsApi vcs, ConversationVcsSession session, CancellationToken cancellationToken)
    {
        var grant = await tokens.GetAsync(session.BusinessUid, cancellationToken);
        try
        {
            await vcs.SetTypingAsync(grant.AccessToken, new VcsTypingRequest(session.SessionUid, session.ContactUid), cancellationToken);
        }
        catch (VcitaApiException e) when (e.Kind == VcitaFailure.TokenRejected)
        {
            // Not retried here, but the next call (typing or a workflow's) asks the business workflow for its latest grant.
            tokens.Invalidate(session.BusinessUid);
            throw;
        }
    }

    /// <summary>A client id no conversation can have (empty, or holding the id separator) has no session to report on.</summary>
    private static bool TrySessionId(ClientTypingEvent typing, out string sessionWorkflowId)
    {
        try
        {
            sessionWorkflowId = WorkflowIds.Session(typing.Provider, typing.AccountId, typing.Client.Id);
            return true;
        }
        catch (ArgumentException)
        {
            sessionWorkflowId = "";
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "The typing of a {Provider} client {Client} on account {AccountId} is not relayed: no vcita session yet")]
    private partial void LogNoSession(string provider, string accountId, string client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client typing in session {SessionUid}: vcita was already told within the typing window")]
    private partial void LogAlreadyRelayed(string sessionUid);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not relay to vcita the typing ({Typing}) of a {Provider} client {Client} on account {AccountId}; not retried: {Reason}")]
    private partial void LogNotRelayed(string provider, string accountId, string client, bool typing, string reason);
}
