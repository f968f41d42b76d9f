using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Hosting;

namespace TemporalBridge.Connect;

public static class ConnectExtensions
{
    /// <summary>The connect page (API role): its settings, sealing, sign-ins and wire types. Each provider adds its own
    /// connect flow (<c>AddWhatsAppConnect</c>, <c>AddMessengerConnect</c>).</summary>
    public static void AddConnect(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<ConnectOptions>(ConnectOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SealedValues>();
        builder.Services.AddSingleton<ConnectSessions>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ConnectJsonContext.Default));
    }

    /// <summary>The page, its assets, and the calls every provider shares; returns the group providers add theirs to.</summary>
    public static RouteGroupBuilder MapConnectPage(this IEndpointRouteBuilder routes)
    {
        routes.MapConnectAssets();
        return routes.MapConnect();
    }
}
