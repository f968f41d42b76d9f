using TemporalBridge.Hosting;
using TemporalBridge.Providers.Messenger.Webhooks;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger;

public static class MessengerExtensions
{
    /// <summary>The Messenger settings and the reader of its Page webhooks. The webhook is mapped separately, in the
    /// API role (<see cref="MessengerWebhookApi.MapMessengerWebhooks"/>).</summary>
    public static void AddMessenger(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<MessengerOptions>(MessengerOptions.Section);
        builder.Services.AddSingleton<IMetaWebhookReader<PageWebhookBatch>, MessengerWebhookReader>();
    }
}
