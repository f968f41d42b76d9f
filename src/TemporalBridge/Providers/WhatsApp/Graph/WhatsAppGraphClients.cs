using Refit;
using TemporalBridge.Channels;

namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>
/// Makes <see cref="IWhatsAppGraphApi"/> clients over the HttpClientFactory's named client. The provider lives as long
/// as the process (the registry of providers is a singleton), so it asks for a client per call instead of holding one:
/// the factory can then rotate connection handlers (DNS changes) as it is meant to.
/// </summary>
public sealed class WhatsAppGraphClients(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "WhatsApp.Graph";

    /// <summary>
    /// Source-generated JSON, and the handler's failures passed through as it made them (Refit would otherwise wrap
    /// them in its own exception types).
    /// </summary>
    internal static readonly RefitSettings Settings = CreateSettings();

    public IWhatsAppGraphApi Create() => RestService.ForGenerated<IWhatsAppGraphApi>(httpClients.CreateClient(HttpClientName), Settings);

    private static RefitSettings CreateSettings()
    {
        var settings = RefitSettings.ForJsonContext(GraphJsonContext.Default);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        // A 2xx the bridge cannot read: the call may well have taken effect (a message sent), so retrying it could
        // send twice. It is not transient; an operator sees it.
        settings.DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(
            new ProviderApiException(ProviderNames.WhatsApp, ProviderFailure.BadRequest, "unreadable_answer",
                $"WhatsApp answered {response.RequestMessage?.Method} with {(int)response.StatusCode} and a body the bridge cannot read",
                exception));
        return settings;
    }
}
