using Microsoft.Extensions.DependencyInjection.Extensions;


namespace TemporalBridge.CommunicationApp;

public static class CommunicationAppExtensions
{
    /// <summary>
    /// Who receives each vcita event. Channels go to <see cref="Channels.ChannelStatusDispatcher"/> (registered by
    /// the channels feature); the other routes have no workflows yet (<see cref="NoSessionWorkflowsYet"/>). TryAdd,
    /// so a feature that registers its own hand-over first takes the route over.
    /// </summary>
    public static void AddCommunicationApp(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<NoSessionWorkflowsYet>();
        builder.Services.TryAddSingleton<ISessionStatusHandOver>(services => services.GetRequiredService<NoSessionWorkflowsYet>());
        builder.Services.TryAddSingleton<IStaffMessageHandOver>(services => services.GetRequiredService<NoSessionWorkflowsYet>());
        builder.Services.TryAddSingleton<IMessageStatusHandOver>(services => services.GetRequiredService<NoSessionWorkflowsYet>());
        builder.Services.TryAddSingleton<ITypingHandOver>(services => services.GetRequiredService<NoSessionWorkflowsYet>());
    }
}
