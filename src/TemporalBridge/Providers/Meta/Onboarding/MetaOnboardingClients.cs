using Refit;

namespace TemporalBridge.Providers.Meta.Onboarding;

/// <summary>A Meta app as onboarding uses it: its id and secret, and the Graph API it calls.</summary>
public sealed record MetaApp(string AppId, string AppSecret, string GraphBaseUrl, TimeSpan Timeout)
{
    /// <summary>The app's own access token, as Meta builds it from the two (the bearer of <c>debug_token</c>).</summary>
    public string AppToken => $"{AppId}|{AppSecret}";

    public bool IsConfigured => AppId.Length > 0 && AppSecret.Length > 0;

    public override string ToString() => $"MetaApp {{ AppId = {AppId}, AppSecret = [redacted] }}";
}

/// <summary>
/// The onboarding clients of the Meta providers, one named HttpClient each: <see cref="GraphHttpHandler"/> with
/// <see cref="OnboardingErrors"/>, the app's token as default bearer, no pacing (a person clicks, rarely), and no
/// request logs of the HttpClient's own (paths name accounts, queries carry codes and the secret).
/// </summary>
public static class MetaOnboardingClients
{
    internal static readonly RefitSettings Settings = GraphRefitSettings.For("meta", OnboardingJsonContext.Default, ProviderFailure.Transient);

    public static string HttpClientName(string provider) => $"{ProviderNames.Title(provider)}.Onboarding";

    public static void AddMetaOnboardingClient(this IServiceCollection services, string provider, Func<IServiceProvider, MetaApp> app) =>
        services.AddHttpClient(HttpClientName(provider))
            .ConfigureHttpClient((services, client) =>
            {
                client.BaseAddress = new Uri(app(services).GraphBaseUrl.TrimEnd('/'));
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(services =>
            {
                var configured = app(services);
                return new GraphHttpHandler(provider, OnboardingErrors.Classify, configured.AppToken,
                    new Uri(configured.GraphBaseUrl.TrimEnd('/')).AbsolutePath.TrimEnd('/'), configured.Timeout);
            })
            .RemoveAllLoggers();

    public static IMetaOnboardingApi Create(IHttpClientFactory httpClients, string provider) =>
        RestService.ForGenerated<IMetaOnboardingApi>(httpClients.CreateClient(HttpClientName(provider)), Settings);
}
