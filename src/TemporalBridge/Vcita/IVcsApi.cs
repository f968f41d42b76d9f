using Refit;

namespace TemporalBridge.Vcita;

/// <summary>
/// vcita's Communication Service at <c>{Vcita:ApiBaseUrl}/business/communication</c>. Each call takes its bearer
/// token: the app token (<see cref="IVcitaAppTokens"/>) for channels, the business's token for sessions and
/// messages. Answers are the envelope's <c>data</c>; every failure is a <see cref="VcitaApiException"/>.
/// </summary>
public interface IVcsApi
{
    [Post("/channels")]
    Task<VcsChannelData> CreateChannelAsync(
        [Authorize] string appToken, [Body] VcsCreateChannelRequest request, CancellationToken cancellationToken = default);

    [Put("/channels/{uid}")]
    Task RenameChannelAsync([Authorize] string appToken, string uid, [Body] VcsRenameChannelRequest request, CancellationToken cancellationToken = default);

    [Delete("/channels/{uid}")]
    Task DeleteChannelAsync([Authorize] string appToken, string uid, CancellationToken cancellationToken = default);

    /// <summary>A second session for the same channel and contact fails with <see cref="VcitaFailure.AlreadyExists"/>.</summary>
    [Post("/sessions")]
    Task<VcsSessionData> CreateSessionAsync(
        [Authorize] string businessToken, [Body] VcsCreateSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The spec lists the filters as <c>channel_uid</c>, <c>business_uid</c>, <c>contact_uid</c>, but describes them as
    /// deep-object filters (<c>filter[channel_uid]=…</c>), and vcita's own test sends <c>filter[business_uid]</c> and
    /// <c>filter[channel_uid]</c> (get_business_communication_sessions.md): the bridge sends the <c>filter[…]</c> form.
    /// </summary>
    [Get("/sessions")]
    Task<VcsSessionsData> GetSessionsAsync(
        [Authorize] string businessToken,
        [AliasAs("filter[channel_uid]")] string channelUid,
        [AliasAs("filter[business_uid]")] string businessUid,
        [AliasAs("filter[contact_uid]")] string? contactUid = null,
        CancellationToken cancellationToken = default);

    /// <summary>vcita confirms the change later by calling the app's <c>PUT /sessions/{uid}</c>.</summary>
    [Put("/sessions/{uid}")]
    Task UpdateSessionAsync(
        [Authorize] string businessToken, string uid, [Body] VcsUpdateSessionRequest request, CancellationToken cancellationToken = default);

    [Post("/messages")]
    Task<VcsMessageData> CreateMessageAsync(
        [Authorize] string businessToken, [Body] VcsCreateMessageRequest request, CancellationToken cancellationToken = default);

    [Put("/messages/{messageUid}")]
    Task UpdateMessageAsync(
        [Authorize] string businessToken, string messageUid, [Body] VcsUpdateMessageRequest request, CancellationToken cancellationToken = default);
}
