using Refit;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>
/// Makes <see cref="IWhatsAppGraphApi"/> clients over the HttpClientFactory's named client. The provider lives as long
/// as the process (the registry of providers is a singleton), so it asks for a client per call instead of holding one:
/// the factory can then rotate connection handlers (DNS changes) as it is meant to.
/// </summary>
public sealed class WhatsAppGraphClients(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "WhatsApp.Graph";

    internal static readonly RefitSettings Settings = GraphRefitSettings.For(ProviderNames.WhatsApp, GraphJsonContext.Default);

    public IWhatsAppGraphApi Create() => RestService.ForGenerated<IWhatsAppGraphApi>(httpClients.CreateClient(HttpClientName), Settings);
}
