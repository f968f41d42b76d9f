using TemporalBridge.Businesses;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Sessions;

/// <summary>The session workflow's calls to vcita, with the business's token.</summary>
public sealed partial class SessionActivities(
    IVcsApi vcs,
    IVcitaPlatformApi platform,
    BusinessVcitaCalls businessCalls,
    ContactCache contacts,
    UidOwners owners,
    MessagingProviders providers,
    ILogger<SessionActivities> logger)
{
    /// <summary>Which workflow owns a VCS session uid: where vcita's session-status calls go.</summary>
    public static readonly UidKind SessionUids = new("session", nameof(SessionWorkflow), BridgeSearchAttributes.SessionUid);

    /// <summary>The conversation cannot go on without these: retried until vcita answers
    /// (<see cref="VcitaActivityOptions.RetriedUntilAnswered"/>).</summary>
    public static readonly ActivityOptions Options = VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromSeconds(30));

    /// <summary>
    /// The vcita client for a messaging user: cached, else found by phone, else created with the user's profile
    /// name (from the webhook, else from the provider's profile of them, else a neutral "Messenger user"). Searching
    /// first also makes a retried create find what an earlier attempt made.
    /// </summary>
    [Activity]
    public async Task<string> FindOrCreateContactAsync(ContactRequest request)
    {
        var client = request.Client;
        if (await contacts.FindAsync(request.BusinessUid, request.Provider, client.Id) is { } cached)
        {
            return cached;
        }
        string? contactUid = null;
        if (client.Phone is { } phone)
        {
            var found = await businessCalls.WithTokenAsync(
                request.BusinessUid, (token, cancel) => platform.FindClientsByPhoneAsync(token, phone, cancel));
            contactUid = found.Clients.FirstOrDefault()?.Id;
        }
        if (contactUid == null)
        {
            var name = client.Name ?? await FindProfileNameAsync(request);
            var (first, last) = ContactNames.Split(name, fallback: $"{ProviderNames.Title(request.Provider)} {client.Phone ?? "user"}");
            var created = await businessCalls.WithTokenAsync(request.BusinessUid, (token, cancel) =>
                platform.CreateClientAsync(token, new VcitaCreateClientRequest(first, last, client.Phone, request.Provider), cancel));
            contactUid = created.Client.Id;
        }
        await contacts.RecordAsync(request.BusinessUid, request.Provider, client.Id, contactUid);
        return contactUid;
    }

    /// <summary>The provider's profile name of the client; null, and the fallback name, when it has none or cannot be
    /// asked now: a name is not worth holding the conversation up for.</summary>
    private async Task<string?> FindProfileNameAsync(ContactRequest request)
    {
        if (request.AccountId is not { } accountId)
        {
            return null;
        }
        try
        {
            return await providers.Get(request.Provider).FindClientNameAsync(accountId, request.Client, ActivityExecutionContext.Current.CancellationToken);
        }
        catch (ProviderApiException e)
        {
            LogNoProfileName(request.Provider, e.Code);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No profile name from {Provider} ({Code}): the contact is created with the fallback name")]
    private partial void LogNoProfileName(string provider, string code);

    /// <summary>
    /// Creates the VCS session; vcita answering that one already exists for this contact means it is reused
    /// (whatever its status: the workflow reactivates an inactive one). Its owner is recorded before answering,
    /// since vcita's confirmation may arrive before this returns.
    /// </summary>
    [Activity]
    public async Task<OpenedSession> OpenSessionAsync(OpenSessionRequest request)
    {
        await owners.MarkCreationAsync(SessionUids);
        VcsSession session;
        try
        {
            var created = await businessCalls.WithTokenAsync(request.BusinessUid, (token, cancel) => vcs.CreateSessionAsync(
                token, new VcsCreateSessionRequest(request.BusinessUid, request.ChannelUid, request.ContactUid, request.ExternalUid), cancel));
            session = created.Session;
        }
        catch (VcitaApiException e) when (e.Kind == VcitaFailure.AlreadyExists)
        {
            var existing = await businessCalls.WithTokenAsync(request.BusinessUid, (token, cancel) =>
                vcs.GetSessionsAsync(token, request.ChannelUid, request.BusinessUid, request.ContactUid, cancel));
            session = existing.Sessions.FirstOrDefault(s => !SessionStatus.IsOver(s.Status))
                ?? throw new ApplicationFailureException(
                    "vcita says this contact has a session on the channel but lists none that can be used", "SessionNotListed");
        }
        await owners.RecordAsync(SessionUids, session.Uid, request.ExternalUid);
        return new OpenedSession(session.Uid, session.Status, session.AiStatus);
    }

    /// <summary>Asks vcita to change the session's status; vcita confirms by calling back.</summary>
    [Activity]
    public Task ChangeStatusAsync(SessionStatusChange change) =>
        businessCalls.WithTokenAsync(change.BusinessUid, (token, cancel) =>
            vcs.UpdateSessionAsync(token, change.SessionUid, new VcsUpdateSessionRequest(change.Status), cancel));
}
