using TemporalBridge.Businesses;
using TemporalBridge.Channels;

namespace TemporalBridge.Providers;

public static class ProvidersExtensions
{
    /// <summary>The provider-neutral parts every messaging provider plugs into: the registry of providers, and
    /// the hand-over of their webhooks' events to the conversations.</summary>
    public static void AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MessagingProviders>();
        builder.Services.AddSingleton<AccountConnectors>();
        builder.Services.AddSingleton<ChannelRoutes>();
        builder.Services.AddSingleton<IProviderEventHandOver, ProviderEventHandOver>();
        builder.Services.AddScoped<BusinessVcitaCalls>();
    }
}
