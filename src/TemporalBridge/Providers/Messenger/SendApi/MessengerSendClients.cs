using Refit;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger.SendApi;

/// <summary>Makes <see cref="IMessengerSendApi"/> clients over the HttpClientFactory's named client, one per call (as
/// <see cref="WhatsApp.Graph.WhatsAppGraphClients"/> does, for the same reason).</summary>
public sealed class MessengerSendClients(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "Messenger.SendApi";

    internal static readonly RefitSettings Settings = GraphRefitSettings.For(ProviderNames.Messenger, SendApiJsonContext.Default);

    public IMessengerSendApi Create() => RestService.ForGenerated<IMessengerSendApi>(httpClients.CreateClient(HttpClientName), Settings);
}
