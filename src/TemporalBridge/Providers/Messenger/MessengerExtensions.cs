using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.Messenger.Onboarding;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Providers.Messenger.Webhooks;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.Meta.AppRemoval;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.Messenger;

public static class MessengerExtensions
{
    /// <summary>The Messenger settings, the Send API client (for the worker's activities), <see cref="MessengerProvider"/>
    /// as an <see cref="IMessagingProvider"/>, and the reader of its Page webhooks. The webhook is mapped separately,
    /// in the API role (<see cref="MessengerWebhookApi.MapMessengerWebhooks"/>).</summary>
    public static void AddMessenger(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<MessengerOptions>(MessengerOptions.Section);
        builder.Services.AddGraphClient(
                MessengerSendClients.HttpClientName,
                ProviderNames.Messenger,
                // No default token: every call carries its Page's own (MessengerProvider).
                services => Settings(services.GetRequiredService<IOptions<MessengerOptions>>().Value),
                MessengerErrorCodes.Classify)
            // The HttpClient's own request logs name the path, and the profile call's path is the person's
            // page-scoped id: MessengerProvider and the activities log what matters, without it.
            .RemoveAllLoggers();
        builder.Services.AddSingleton<MessengerSendClients>();
        builder.Services.AddSingleton<IMessagingProvider, MessengerProvider>();
        builder.Services.AddSingleton<IMetaWebhookReader<PageWebhookBatch>, MessengerWebhookReader>();
        builder.Services.AddMetaOnboardingClient(ProviderNames.Messenger,
            services => MessengerConnector.App(services.GetRequiredService<IOptions<MessengerOptions>>().Value));
        builder.Services.AddSingleton<IAccountConnector, MessengerConnector>();
        builder.Services.AddSingleton(services => new MetaAppSecret(ProviderNames.Messenger, () => services.GetRequiredService<IOptions<MessengerOptions>>().Value.AppSecret));
    }

    private static GraphClientSettings Settings(MessengerOptions options) => new(options.GraphBaseUrl, options.RequestTimeout, DefaultToken: "");
}
