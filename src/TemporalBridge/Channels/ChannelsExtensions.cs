using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Channels;

public static class ChannelsExtensions
{
    /// <summary>The channel lifecycle: its workflow and activities on the worker, the uid directory and the
    /// status dispatcher for the API.</summary>
    public static void AddChannels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChannelCreations>();
        builder.Services.AddSingleton<ChannelReconnections>();
        builder.Services.AddSingleton<ChannelRevocations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChannelCredentials>();
        builder.Services.AddSingleton<IAccountCredentials>(services => services.GetRequiredService<ChannelCredentials>());
        builder.Services.AddSingleton<ChannelStatusHandOver>();
        builder.Services.AddExceptionHandler<ChannelNotReadyHandler>();
        builder.Services.AddBridgeWorker().AddWorkflow<ChannelWorkflow>().AddWorkflow<RevocationWorkflow>().AddScopedActivities<ChannelActivities>();
    }
}
