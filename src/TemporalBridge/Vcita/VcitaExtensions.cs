using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;
using TemporalBridge.Hosting;
using TemporalBridge.Pacing;

namespace TemporalBridge.Vcita;

public static class VcitaExtensions
{
    /// <summary>VCS, OAuth at the API host's root, and the platform API, each relative to <c>Vcita:ApiBaseUrl</c>.</summary>
    internal const string VcsPath = "/business/communication";
    internal const string OAuthPath = "";
    internal const string PlatformPath = "/platform/v1";

    /// <summary>
    /// Shared by the three clients: source-generated JSON, and vcita's failures passed through as the handler made
    /// them (Refit would otherwise wrap them in its own exception types).
    /// </summary>
    private static readonly RefitSettings Settings = CreateSettings();

    /// <summary>The vcita settings, the Refit clients of VCS, OAuth and the platform API, and the app token cache.</summary>
    public static void AddVcita(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<VcitaOptions>(VcitaOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IVcitaAppTokens, VcitaAppTokens>();
        AddClient<IVcsApi>(builder.Services, VcsPath);
        AddClient<IVcitaOAuthApi>(builder.Services, OAuthPath);
        AddClient<IVcitaPlatformApi>(builder.Services, PlatformPath);
    }

    /// <summary><c>https://api.vcita.biz</c> + <c>/business/communication</c>, whatever slashes the setting has.</summary>
    internal static Uri BaseAddress(VcitaOptions options, string path) => new(options.ApiBaseUrl.TrimEnd('/') + path);

    private static void AddClient<TApi>(IServiceCollection services, string path)
        where TApi : class =>
        services.AddRefitGeneratedClient<TApi>(Settings)
            .ConfigureHttpClient((provider, client) =>
            {
                client.BaseAddress = BaseAddress(provider.GetRequiredService<IOptions<VcitaOptions>>().Value, path);
                // VcitaHttpHandler enforces Vcita:RequestTimeoutSeconds and reports it as a VcitaApiException;
                // HttpClient's own timeout would throw a bare TaskCanceledException instead.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Outermost, so waiting for a turn does not count against the call's timeout.
            .AddHttpMessageHandler(provider => new VcitaPacingHandler(provider.GetService<ProviderPacing>()))
            .AddHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<VcitaOptions>>().Value;
                return new VcitaHttpHandler(BaseAddress(options, path).AbsolutePath.TrimEnd('/'), options.RequestTimeout);
            });

    private static RefitSettings CreateSettings()
    {
        var settings = RefitSettings.ForJsonContext(VcitaJsonContext.Default);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        settings.DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(
            new VcitaApiException(VcitaFailure.Permanent, (int)response.StatusCode, [],
                $"vcita answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} " +
                $"({(int)response.StatusCode}) with a body the bridge cannot read: {exception.Message}", exception));
        return settings;
    }
}
