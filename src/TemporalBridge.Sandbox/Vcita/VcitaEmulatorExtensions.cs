using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Timeline;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.Control;
using TemporalBridge.Sandbox.Vcita.OAuth;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita;

public static class VcitaEmulatorExtensions
{
    /// <summary>The vcita emulator's settings, in-memory state, and the background delivery of its callbacks.</summary>
    public static IHostApplicationBuilder AddVcitaEmulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VcitaEmulatorOptions>()
            .BindConfiguration(VcitaEmulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Injectable so tests can move the clock (authorization codes live 30 s, app tokens an hour).
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<AppRegistry>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<ClientDirectory>();
        services.AddSingleton<VcitaState>();
        services.AddSingleton<FaultList<Fault>>();

        services.AddSingleton<CallbackLog>();
        services.AddSingleton<CallbackBehaviour>();
        services.AddSingleton<OutboundQueue<CallbackRecord>>();
        services.AddSingleton<VcitaCallbacks>();
        services.AddHttpClient(CallbackDispatcher.HttpClientName).RecordedOnTimeline("vcita");
        services.AddHostedService<CallbackDispatcher>();

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, VcitaJsonContext.Default));

        return builder;
    }
}
