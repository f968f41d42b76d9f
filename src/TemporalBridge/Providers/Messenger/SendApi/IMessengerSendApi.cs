using Refit;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Telemetry;

namespace TemporalBridge.Providers.Messenger.SendApi;

/// <summary>
/// The Messenger Platform calls the bridge makes, relative to <c>Messenger:GraphBaseUrl</c> (which holds the version),
/// each with the Page's own access token (added by <see cref="GraphHttpHandler"/>). Every failure is a
/// <see cref="ProviderApiException"/> classified by <see cref="MessengerErrorCodes"/>.
/// </summary>
public interface IMessengerSendApi
{
    [Post("/{pageId}/messages")]
    Task<SendApiResponse> SendAsync(
        string pageId,
        [Body] SendApiRequest request,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    [Post("/{pageId}/messages")]
    Task<SendApiResponse> SenderActionAsync(
        string pageId,
        [Body] SenderActionRequest request,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    /// <summary>The person's name as their profile gives it to this Page (Meta's "Business Asset User Profile Access").</summary>
    /// <remarks>Its path is the person's id: <see cref="PersonalRequests"/> keeps it out of traces.</remarks>
    [Get("/{psid}?fields=first_name,last_name")]
    Task<UserProfile> GetProfileAsync(
        string psid,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        [Property(PersonalRequests.Option)] bool personal = true,
        CancellationToken cancellationToken = default);
}
