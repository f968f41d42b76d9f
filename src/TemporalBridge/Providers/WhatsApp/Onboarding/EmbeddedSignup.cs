using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TemporalBridge.Admin;
using TemporalBridge.Channels;
using TemporalBridge.Connect;
using TemporalBridge.Privacy;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.WhatsApp.Onboarding;

/// <summary>What Meta's Embedded Signup gave the connect page: the dialog's code and the FINISH event's ids.</summary>
public sealed record SignupFinished(string Code, string PhoneNumberId, string WabaId);

/// <summary>
/// Connects a number a business chose in Meta's Embedded Signup (developers.facebook.com/docs/whatsapp/embedded-signup),
/// at once, while the code lives: the code for the business's own token, a check that the token covers the WhatsApp
/// Business Account and reaches the number, the app subscribed to the account's webhooks, the number registered for the
/// Cloud API (with a PIN the channel keeps, reused on every reconnection) unless it already is, and the channel started
/// with that token, named by the number's verified name. Connecting a number the business already connected is a
/// reconnection: the new token replaces the old, and what waited for it goes on. Any failure connects nothing.
/// </summary>
public sealed partial class EmbeddedSignup(
    IHttpClientFactory httpClients,
    IOptions<WhatsAppOptions> options,
    ChannelConnections channels,
    IAccountCredentials credentials,
    ILogger<EmbeddedSignup> logger)
{
    private const string Provider = ProviderNames.WhatsApp;

    /// <summary>The permissions whose <c>granular_scopes</c> list the accounts a business token may act for.</summary>
    private static readonly string[] AccountScopes = ["whatsapp_business_management", "whatsapp_business_messaging"];

    public async Task<(ChannelConnection? Connected, ConnectFailure? Failure)> ConnectAsync(
        string businessUid, SignupFinished signup, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var app = WhatsAppConnector.App(settings);
        if (!app.IsConfigured)
        {
            return (null, ConnectFailure.NotConfigured(Provider, "WhatsApp__AppId", "WhatsApp__AppSecret"));
        }
        var meta = MetaOnboardingClients.Create(httpClients, Provider);

        string token;
        TokenDebug grant;
        PhoneNumberAnswer number;
        try
        {
            token = (await meta.ExchangeCodeAsync(app.AppId, app.AppSecret, signup.Code, cancellationToken: cancellationToken)).AccessToken;
            grant = (await meta.DebugTokenAsync(token, cancellationToken: cancellationToken)).Data;
        }
        catch (ProviderApiException e)
        {
            return (null, Failed("code exchange", e, "Meta's code is used once and lives a few minutes: connect again.", "code"));
        }
        if (!grant.IsValid || grant.AppId != app.AppId)
        {
            return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "Meta's token is not for this app",
                "The code Meta's dialog gave was not issued to this bridge's app. Connect again from this page.", "code"));
        }
        if (!Covers(grant, signup.WabaId))
        {
            return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "The WhatsApp Business Account was not shared",
                "The access you granted in Meta's dialog does not cover the WhatsApp Business Account the dialog named. " +
                "Connect again, and share that account with the app when Meta asks.", "waba_id"));
        }
        try
        {
            number = await meta.GetPhoneNumberAsync(signup.PhoneNumberId, token, cancellationToken);
        }
        catch (ProviderApiException e)
        {
            return (null, Failed("phone number", e, "Connect again, and choose a number of the account you shared.", "phone_number_id"));
        }

        var owner = await channels.OwnerAsync(Provider, signup.PhoneNumberId, cancellationToken);
        if (owner is not null && owner != businessUid)
        {
            LogConnectedElsewhere(logger, businessUid, signup.PhoneNumberId);
            return (null, ConnectFailure.ConnectedElsewhere(Provider, "phone_number_id"));
        }
        var pin = (owner is null ? null : (await credentials.FindAsync(Provider, signup.PhoneNumberId, cancellationToken))?.RegistrationPin) ?? NewPin();

        // A subscription made here for a registration that then fails is undone: a refusal changes nothing at Meta.
        var subscribedBefore = await channels.GroupRunsAsync(Provider, signup.WabaId, cancellationToken);
        try
        {
            await meta.SubscribeAsync(signup.WabaId, fields: null, token, cancellationToken);
        }
        catch (ProviderApiException e)
        {
            return (null, Failed("webhook subscription", e, "Check the account in Meta Business Suite, then connect again."));
        }
        if (!IsRegistered(number))
        {
            try
            {
                await meta.RegisterAsync(signup.PhoneNumberId, new RegisterRequest("whatsapp", pin), token, cancellationToken);
            }
            catch (ProviderApiException e)
            {
                if (!subscribedBefore)
                {
                    await UnsubscribeAsync(meta, signup.WabaId, token);
                }
                return (null, Failed("number registration", e,
                    "If the number has two-step verification with another PIN, turn it off in WhatsApp Manager, then connect again."));
            }
        }

        var input = new ChannelInput(businessUid, Provider, signup.PhoneNumberId, DisplayName(number))
        {
            AccountGroupId = signup.WabaId,
            Credentials = new ProviderCredentials(token)
            {
                RegistrationPin = pin,
                Subscribed = true,
                ConnectedBy = grant.UserId is { Length: > 0 } user ? ConnectedByPseudonym.Of(user) : null,
            },
        };
        var result = await channels.ConnectAsync(input, cancellationToken);
        if (result.Connection is null)
        {
            // Another business's connect won the race since the check above.
            return (null, ConnectFailure.ConnectedElsewhere(Provider, "phone_number_id"));
        }
        LogConnected(logger, businessUid, signup.PhoneNumberId, owner is null ? "connected" : "reconnected");
        return (result.Connection, null);
    }

    /// <summary>Best effort: a subscription left behind only brings webhooks for numbers no channel owns, which the
    /// bridge acknowledges and drops.</summary>
    private async Task UnsubscribeAsync(IMetaOnboardingApi meta, string wabaId, string token)
    {
        try
        {
            await meta.UnsubscribeAsync(wabaId, token, CancellationToken.None);
        }
        catch (ProviderApiException e)
        {
            LogStepFailed(logger, "undoing the webhook subscription", e.Code, e.Kind);
        }
    }

    private ConnectFailure Failed(string step, ProviderApiException e, string todo, string? field = null)
    {
        LogStepFailed(logger, step, e.Code, e.Kind);
        return ConnectFailure.Meta(step, e, todo, field);
    }

    /// <summary>Registered for the Cloud API and connected (Meta's phone number reference: platform_type, status);
    /// registering again would count against Meta's 10 attempts in 72 hours.</summary>
    private static bool IsRegistered(PhoneNumberAnswer number) => number is { PlatformType: "CLOUD_API", Status: "CONNECTED" };

    private static bool Covers(TokenDebug grant, string wabaId) =>
        grant.GranularScopes?.Any(scope => AccountScopes.Contains(scope.Scope) && (scope.TargetIds?.Contains(wabaId) ?? false)) ?? false;

    /// <summary>"Acme Bakery (+1 555-010-0001)": staff tell two numbers of one business apart by the number.</summary>
    private static string DisplayName(PhoneNumberAnswer number)
    {
        var name = string.IsNullOrWhiteSpace(number.VerifiedName) ? "WhatsApp number" : number.VerifiedName.Trim();
        var display = string.IsNullOrWhiteSpace(number.DisplayPhoneNumber) ? "" : $" ({number.DisplayPhoneNumber.Trim()})";
        var full = name + display;
        return full.Length <= MaxDisplayName ? full : full[..MaxDisplayName];
    }

    private const int MaxDisplayName = 100;

    /// <summary>Six random digits: the number's two-step verification PIN from now on.</summary>
    private static string NewPin() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Business {BusinessUid} {Outcome} WhatsApp number {PhoneNumberId} through Embedded Signup")]
    private static partial void LogConnected(ILogger logger, string businessUid, string phoneNumberId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business {BusinessUid} tried to connect WhatsApp number {PhoneNumberId}, which another business holds")]
    private static partial void LogConnectedElsewhere(ILogger logger, string businessUid, string phoneNumberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded Signup failed at the {Step} step: Meta {Code} ({Kind})")]
    private static partial void LogStepFailed(ILogger logger, string step, string code, ProviderFailure kind);
}
