using Refit;
using TemporalBridge.Telemetry;

namespace TemporalBridge.Providers.Meta.Onboarding;

/// <summary>
/// The Graph API calls of connecting a business's account, relative to the provider's <c>GraphBaseUrl</c> (which holds
/// the version). The app's own token (<c>{app id}|{app secret}</c>) is the default bearer; calls for an account carry
/// the account's token (<see cref="GraphHttpHandler.AccessTokenOption"/>). Calls whose query holds the app secret or a
/// code are left out of traces (<see cref="PersonalRequests"/>), as they are out of logs.
/// </summary>
public interface IMetaOnboardingApi
{
    /// <summary>The code of Meta's login dialog for a token (Embedded Signup: the business's own business token).
    /// Meta: developers.facebook.com/docs/whatsapp/embedded-signup/implementation ("exchange the token code").</summary>
    [Get("/oauth/access_token")]
    Task<AccessTokenAnswer> ExchangeCodeAsync(
        [AliasAs("client_id")] string appId,
        [AliasAs("client_secret")] string appSecret,
        [AliasAs("code")] string code,
        [Property(PersonalRequests.Option)] bool personal = true,
        CancellationToken cancellationToken = default);

    /// <summary>A short-lived user token for a long-lived one (about 60 days). Meta:
    /// developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived.</summary>
    [Get("/oauth/access_token?grant_type=fb_exchange_token")]
    Task<AccessTokenAnswer> ExtendUserTokenAsync(
        [AliasAs("client_id")] string appId,
        [AliasAs("client_secret")] string appSecret,
        [AliasAs("fb_exchange_token")] string userToken,
        [Property(PersonalRequests.Option)] bool personal = true,
        CancellationToken cancellationToken = default);

    /// <summary>What a token is for: its app, person, and the assets each permission covers (<c>granular_scopes</c>).
    /// Meta: developers.facebook.com/docs/graph-api/reference/debug_token.</summary>
    [Get("/debug_token")]
    Task<TokenDebugAnswer> DebugTokenAsync(
        [AliasAs("input_token")] string token,
        [Property(PersonalRequests.Option)] bool personal = true,
        CancellationToken cancellationToken = default);

    /// <summary>Subscribes the app to the webhooks of a WhatsApp Business Account, or of a Page with its fields.
    /// Meta: developers.facebook.com/docs/graph-api/reference/whatsapp-business-account/subscribed_apps and
    /// developers.facebook.com/docs/graph-api/reference/page/subscribed_apps.</summary>
    [Post("/{accountId}/subscribed_apps")]
    Task<SuccessAnswer> SubscribeAsync(
        string accountId,
        [AliasAs("subscribed_fields")] string? fields,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    [Delete("/{accountId}/subscribed_apps")]
    Task<SuccessAnswer> UnsubscribeAsync(
        string accountId,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    /// <summary>A business phone number: its verified name, how people read it, and where it is registered. Meta:
    /// developers.facebook.com/docs/graph-api/reference/whatsapp-business-account-to-number-current-status.</summary>
    [Get("/{phoneNumberId}?fields=verified_name,display_phone_number,platform_type,status")]
    Task<PhoneNumberAnswer> GetPhoneNumberAsync(
        string phoneNumberId,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    /// <summary>Registers a number for the Cloud API with its two-step verification PIN. Meta:
    /// developers.facebook.com/docs/whatsapp/cloud-api/reference/registration.</summary>
    [Post("/{phoneNumberId}/register")]
    Task<SuccessAnswer> RegisterAsync(
        string phoneNumberId,
        [Body] RegisterRequest request,
        [Property(GraphHttpHandler.AccessTokenOption)] string accessToken,
        CancellationToken cancellationToken = default);

    /// <summary>The Pages the person manages, each with its Page token. Meta:
    /// developers.facebook.com/docs/graph-api/reference/user/accounts.</summary>
    [Get("/me/accounts?fields=id,name,access_token&limit=100")]
    Task<PagesAnswer> ListPagesAsync(
        [Property(GraphHttpHandler.AccessTokenOption)] string userToken,
        [Property(PersonalRequests.Option)] bool personal = true,
        CancellationToken cancellationToken = default);
}
