using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Graph;
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
        builder.Services.AddHttpClient(WhatsAppGraphClients.HttpClientName)
            .ConfigureHttpClient((services, client) =>
            {
                client.BaseAddress = GraphBaseAddress(services.GetRequiredService<IOptions<WhatsAppOptions>>().Value);
                // GraphHttpHandler enforces WhatsApp:RequestTimeoutSeconds and reports it as a ProviderApiException;
                // HttpClient's own timeout would throw a bare TaskCanceledException instead.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Outermost, so waiting for a turn does not count against the call's timeout.
            .AddHttpMessageHandler(services => new GraphPacingHandler(
                services.GetService<ProviderPacing>(), services.GetRequiredService<MessagingProviders>().Get(ProviderNames.WhatsApp)))
            .AddHttpMessageHandler(services =>
            {
                var options = services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                return new GraphHttpHandler(
                    ProviderNames.WhatsApp, error => GraphErrorCodes.Classify(error.Code, error.HttpStatus),
                    options.AccessToken, GraphBaseAddress(options).AbsolutePath.TrimEnd('/'), options.RequestTimeout);
            });
        builder.Services.AddSingleton<WhatsAppGraphClients>();
        builder.Services.AddTransient(services => services.GetRequiredService<WhatsAppGraphClients>().Create());
        builder.Services.AddSingleton<IMessagingProvider, WhatsAppProvider>();
        builder.Services.AddSingleton<IMetaWebhookReader<WebhookBatch>, WhatsAppWebhookReader>();
    }

    /// <summary>The base URL without a trailing slash: Refit appends its paths (<c>/{id}/messages</c>) as they are.</summary>
    internal static Uri GraphBaseAddress(WhatsAppOptions options) => new(options.GraphBaseUrl.TrimEnd('/'));
}
