using TemporalBridge.Pacing;

namespace TemporalBridge.Providers.Meta;

/// <summary>Where a Meta provider's Graph client points and how it authenticates, read from its settings.</summary>
/// <param name="BaseUrl">The versioned Graph base, e.g. <c>https://graph.facebook.com/v23.0</c>.</param>
/// <param name="DefaultToken">The token of accounts connected without their own; empty when the provider has none.</param>
public sealed record GraphClientSettings(string BaseUrl, TimeSpan Timeout, string DefaultToken);

public static class GraphClientRegistration
{
    /// <summary>
    /// A Meta provider's named Graph client: the provider's pace per account outermost (a wait for a turn is not
    /// counted against the call's timeout), then <see cref="GraphHttpHandler"/> with the provider's error table, its
    /// timeout (HttpClient's own would throw a bare TaskCanceledException instead) and its tokens.
    /// </summary>
    public static IHttpClientBuilder AddGraphClient(
        this IServiceCollection services,
        string clientName,
        string provider,
        Func<IServiceProvider, GraphClientSettings> settings,
        Func<GraphErrorCode, ProviderFailure> classify) =>
        services.AddHttpClient(clientName)
            .ConfigureHttpClient((services, client) =>
            {
                client.BaseAddress = BaseAddress(settings(services));
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(services => new GraphPacingHandler(
                services.GetService<ProviderPacing>(), services.GetRequiredService<MessagingProviders>().Get(provider)))
            .AddHttpMessageHandler(services =>
            {
                var configured = settings(services);
                return new GraphHttpHandler(provider, classify, configured.DefaultToken, BaseAddress(configured).AbsolutePath.TrimEnd('/'), configured.Timeout);
            });

    /// <summary>The base URL without a trailing slash: Refit appends its paths (<c>/{id}/messages</c>) as they are.</summary>
    private static Uri BaseAddress(GraphClientSettings settings) => new(settings.BaseUrl.TrimEnd('/'));
}
