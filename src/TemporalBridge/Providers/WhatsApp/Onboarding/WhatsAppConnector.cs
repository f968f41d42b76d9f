using Microsoft.Extensions.Options;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.WhatsApp.Onboarding;

/// <summary>WhatsApp on the connect page: Embedded Signup with the app's configuration; a number's subscription lives
/// on its WhatsApp Business Account.</summary>
public sealed class WhatsAppConnector(IHttpClientFactory httpClients, IOptions<WhatsAppOptions> options) : IAccountConnector
{
    public ConnectFlow Flow => ConnectFlow.ChosenInDialog;

    public string AccountNoun => "number";

    public string Explanation =>
        "Meta's window asks you to log in with Facebook, choose or create your WhatsApp Business Account and verify a number. Your clients' WhatsApp messages then arrive in vcita's conversations.";

    public string Provider => ProviderNames.WhatsApp;

    public ConnectDialog? Dialog =>
        App(options.Value).IsConfigured && options.Value.EmbeddedSignupConfigId.Length > 0
            ? new ConnectDialog(options.Value.AppId, options.Value.EmbeddedSignupConfigId)
            : null;

    public async Task UnsubscribeAsync(string accountId, string? accountGroupId, string accessToken, CancellationToken cancellationToken)
    {
        if (accountGroupId is null)
        {
            return; // connected without its account: nothing the bridge subscribed
        }
        await MetaOnboardingClients.Create(httpClients, Provider).UnsubscribeAsync(accountGroupId, accessToken, cancellationToken);
    }

    public static MetaApp App(WhatsAppOptions options) => new(options.AppId, options.AppSecret, options.GraphBaseUrl, options.RequestTimeout);
}

public static class WhatsAppConnectExtensions
{
    /// <summary>Embedded Signup's flow and client (API role); the connector itself is registered by <c>AddWhatsApp</c>,
    /// as disconnecting runs on the worker.</summary>
    public static void AddWhatsAppConnect(this IHostApplicationBuilder builder) => builder.Services.AddSingleton<EmbeddedSignup>();
}
