using Refit;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>
/// The WhatsApp Cloud API calls the bridge makes, relative to <c>WhatsApp:GraphBaseUrl</c> (which holds the version).
/// The bearer token is added by <see cref="GraphHttpHandler"/>: the number's own when the call names one, else the
/// global default. Every failure is a
/// <see cref="Providers.ProviderApiException"/> classified by Meta's error code.
/// </summary>
public interface IWhatsAppGraphApi
{
    [Post("/{phoneNumberId}/messages")]
    Task<GraphSendResponse> SendAsync(
        string phoneNumberId,
        [Body] GraphSendRequest request,
        [Property(GraphHttpHandler.AccessTokenOption)] string? accessToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Marks a message read (blue ticks), with the typing indicator when the request asks for it.</summary>
    [Post("/{phoneNumberId}/messages")]
    Task<GraphSuccessResponse> MarkReadAsync(
        string phoneNumberId,
        [Body] GraphReadRequest request,
        [Property(GraphHttpHandler.AccessTokenOption)] string? accessToken = null,
        CancellationToken cancellationToken = default);

    [Get("/{mediaId}")]
    Task<GraphMedia> GetMediaAsync(string mediaId, CancellationToken cancellationToken = default);
}
