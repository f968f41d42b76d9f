using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Timeline;

namespace TemporalBridge.Sandbox.Messenger;

public static class MessengerEmulatorExtensions
{
    /// <summary>The Messenger emulator's settings, in-memory state, and the background delivery of its Page webhooks.</summary>
    public static IHostApplicationBuilder AddMessengerEmulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MessengerEmulatorOptions>()
            .BindConfiguration(MessengerEmulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Injectable so tests can move the clock: the 24-hour and 7-day windows, the delivery delay.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PagePeople>();
        services.AddSingleton<PageTokens>();
        services.AddSingleton<FaultList<SendApiFault>>();
        services.AddSingleton<SendApiCallLog>();
        services.AddSingleton<SendApiServices>();
        services.AddSingleton<PageWebhookLog>();
        services.AddSingleton<OutboundQueue<PageWebhookCall>>();
        services.AddSingleton<PageWebhookSender>();
        services.AddHttpClient(PageWebhookDispatcher.HttpClientName).RecordedOnTimeline("messenger");
        services.AddHostedService<PageWebhookDispatcher>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MessengerJsonContext.Default));
        return builder;
    }
}
