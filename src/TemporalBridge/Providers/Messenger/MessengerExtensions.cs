using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Providers.Messenger.Webhooks;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger;

public static class MessengerExtensions
{
    /// <summary>The Messenger settings, the Send API client (for the worker's activities), <see cref="MessengerProvider"/>
    /// as an <see cref="IMessagingProvider"/>, and the reader of its Page webhooks. The webhook is mapped separately,
    /// in the API role (<see cref="MessengerWebhookApi.MapMessengerWebhooks"/>).</summary>
    public static void AddMessenger(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<MessengerOptions>(MessengerOptions.Section);
        builder.Services.AddHttpClient(MessengerSendClients.HttpClientName)
            .ConfigureHttpClient((services, client) =>
            {
                client.BaseAddress = GraphBaseAddress(services.GetRequiredService<IOptions<MessengerOptions>>().Value);
                // GraphHttpHandler enforces Messenger:RequestTimeoutSeconds and reports it as a ProviderApiException.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Outermost, so waiting for the Page's turn does not count against the call's timeout.
            .AddHttpMessageHandler(services => new GraphPacingHandler(
                services.GetService<ProviderPacing>(), services.GetRequiredService<MessagingProviders>().Get(ProviderNames.Messenger)))
            .AddHttpMessageHandler(services =>
            {
                var options = services.GetRequiredService<IOptions<MessengerOptions>>().Value;
                // No default token: every call carries its Page's own (MessengerProvider).
                return new GraphHttpHandler(
                    ProviderNames.Messenger, MessengerErrorCodes.Classify, defaultToken: "",
                    GraphBaseAddress(options).AbsolutePath.TrimEnd('/'), options.RequestTimeout);
            })
            // The HttpClient's own request logs name the path, and the profile call's path is the person's
            // page-scoped id: MessengerProvider and the activities log what matters, without it.
            .RemoveAllLoggers();
        builder.Services.AddSingleton<MessengerSendClients>();
        builder.Services.AddSingleton<IMessagingProvider, MessengerProvider>();
        builder.Services.AddSingleton<IMetaWebhookReader<PageWebhookBatch>, MessengerWebhookReader>();
    }

    /// <summary>The base URL without a trailing slash: Refit appends its paths (<c>/{id}/messages</c>) as they are.</summary>
    internal static Uri GraphBaseAddress(MessengerOptions options) => new(options.GraphBaseUrl.TrimEnd('/'));
}
