using Microsoft.Extensions.Options;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.Messenger.Onboarding;

/// <summary>Messenger on the connect page: Facebook Login for Business with the app's configuration; each Page holds
/// its own subscription.</summary>
public sealed class MessengerConnector(IHttpClientFactory httpClients, IOptions<MessengerOptions> options) : IAccountConnector
{
    public ConnectFlow Flow => ConnectFlow.PickedAfterLogin;

    public string AccountNoun => "Facebook Page";

    public string Explanation =>
        "Log in with Facebook and choose the Pages whose Messenger conversations should arrive in vcita. You must be an admin of each Page.";

    public string Provider => ProviderNames.Messenger;

    public ConnectDialog? Dialog =>
        App(options.Value).IsConfigured && options.Value.LoginConfigId.Length > 0
            ? new ConnectDialog(options.Value.AppId, options.Value.LoginConfigId)
            : null;

    public Task UnsubscribeAsync(string accountId, string? accountGroupId, string accessToken, CancellationToken cancellationToken) =>
        MetaOnboardingClients.Create(httpClients, Provider).UnsubscribeAsync(accountId, accessToken, cancellationToken);

    public static MetaApp App(MessengerOptions options) => new(options.AppId, options.AppSecret, options.GraphBaseUrl, options.RequestTimeout);
}

public static class MessengerConnectExtensions
{
    /// <summary>Facebook Login's Page flow (API role); the connector itself is registered by <c>AddMessenger</c>, as
    /// disconnecting runs on the worker.</summary>
    public static void AddMessengerConnect(this IHostApplicationBuilder builder) => builder.Services.AddSingleton<PageLogin>();
}
