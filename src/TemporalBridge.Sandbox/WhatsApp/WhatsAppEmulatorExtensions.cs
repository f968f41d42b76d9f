using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Timeline;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Media;
using TemporalBridge.Sandbox.WhatsApp.Users;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp;

public static class WhatsAppEmulatorExtensions
{
    /// <summary>The WhatsApp emulator's settings, in-memory state, and the background delivery of its webhooks.</summary>
    public static IHostApplicationBuilder AddWhatsAppEmulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WhatsAppEmulatorOptions>()
            .BindConfiguration(WhatsAppEmulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Injectable so tests can move the clock: the 24-hour window, status delays, retries, media URL lifetime.
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UserMessages>();
        services.AddSingleton<EchoMessages>();
        services.AddSingleton<MessageContents>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MessageLedger>();
        services.AddSingleton<StatusPlans>();
        services.AddSingleton<StatusWebhooks>();
        services.AddSingleton<FaultList<GraphFault>>();
        services.AddSingleton<GraphCallLog>();
        services.AddSingleton<GraphContextServices>();
        services.AddSingleton<ControlWebhooks>();

        services.AddSingleton<WebhookLog>();
        services.AddSingleton<OutboundQueue<WebhookRecord>>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName).RecordedOnTimeline("whatsapp");
        services.AddHostedService<WebhookDispatcher>();

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WhatsAppJsonContext.Default));

        return builder;
    }
}
