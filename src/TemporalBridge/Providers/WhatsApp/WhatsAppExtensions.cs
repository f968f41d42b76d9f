using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.Meta.AppRemoval;
using TemporalBridge.Providers.Meta.Onboarding;
using TemporalBridge.Providers.WhatsApp.Graph;
using TemporalBridge.Providers.WhatsApp.Onboarding;
using TemporalBridge.Providers.WhatsApp.Webhooks;

namespace TemporalBridge.Providers.WhatsApp;

public static class WhatsAppExtensions
{
    /// <summary>
    /// The WhatsApp settings, the Graph API client (for the worker's activities) and <see cref="WhatsAppProvider"/>
    /// as an <see cref="IMessagingProvider"/>. The webhook is mapped separately, in the API role
    /// (<see cref="WhatsAppWebhookApi.MapWhatsAppWebhooks"/>).
    /// </summary>
    public static void AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<WhatsAppOptions>(WhatsAppOptions.Section);
        builder.Services.AddGraphClient(
            WhatsAppGraphClients.HttpClientName,
            ProviderNames.WhatsApp,
            services => Settings(services.GetRequiredService<IOptions<WhatsAppOptions>>().Value),
            error => GraphErrorCodes.Classify(error.Code, error.HttpStatus));
        builder.Services.AddSingleton<WhatsAppGraphClients>();
        builder.Services.AddTransient(services => services.GetRequiredService<WhatsAppGraphClients>().Create());
        builder.Services.AddSingleton<IMessagingProvider, WhatsAppProvider>();
        builder.Services.AddSingleton<IMetaWebhookReader<WebhookBatch>, WhatsAppWebhookReader>();
        builder.Services.AddMetaOnboardingClient(ProviderNames.WhatsApp,
            services => WhatsAppConnector.App(services.GetRequiredService<IOptions<WhatsAppOptions>>().Value));
        builder.Services.AddSingleton<IAccountConnector, WhatsAppConnector>();
        builder.Services.AddSingleton(services => new MetaAppSecret(ProviderNames.WhatsApp, () => services.GetRequiredService<IOptions<WhatsAppOptions>>().Value.AppSecret));
    }

    /// <summary>WhatsApp:AccessToken serves numbers connected without their own.</summary>
    private static GraphClientSettings Settings(WhatsAppOptions options) => new(options.GraphBaseUrl, options.RequestTimeout, options.AccessToken);
}
