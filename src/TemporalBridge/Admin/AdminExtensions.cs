using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;

namespace TemporalBridge.Admin;

public static class AdminExtensions
{
    /// <summary>The admin API's key (checked at start) and its access to the channel and delivery workflows.</summary>
    public static void AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<AdminOptions>(AdminOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddSingleton<ChannelConnections>();
        builder.Services.AddSingleton<StuckDeliveries>();
        builder.Services.AddSingleton<Conversations>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AdminJsonContext.Default));
    }
}
