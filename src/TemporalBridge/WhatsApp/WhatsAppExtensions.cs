using TemporalBridge.Hosting;

namespace TemporalBridge.WhatsApp;

public static class WhatsAppExtensions
{
    public static void AddWhatsApp(this IHostApplicationBuilder builder) =>
        builder.AddSettings<WhatsAppOptions>(WhatsAppOptions.Section);
}
