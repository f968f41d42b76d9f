using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Sandbox.Timeline;

namespace TemporalBridge.Sandbox.Meta;

public static class MetaEmulatorExtensions
{
    /// <summary>Meta's side of connecting accounts: the dialog's person, and the grants, subscriptions and registrations.</summary>
    public static IHostApplicationBuilder AddMetaEmulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetaEmulatorOptions>().BindConfiguration(MetaEmulatorOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MetaLogins>();
        builder.Services.AddSingleton<AppRemovalCalls>();
        builder.Services.AddHttpClient(AppRemovalCalls.HttpClientName).RecordedOnTimeline("meta");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MetaJsonContext.Default));
        return builder;
    }
}
