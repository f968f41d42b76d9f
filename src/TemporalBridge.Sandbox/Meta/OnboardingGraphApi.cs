using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Messenger;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.WhatsApp;
using TemporalBridge.Sandbox.WhatsApp.Graph;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>
/// The Graph API calls of connecting accounts, on each emulator's Graph base: the code and token exchanges,
/// <c>debug_token</c>, the app's subscriptions (a WhatsApp Business Account's, a Page's), registering a number, and a
/// person's Pages. As strict as Meta's reference pages allow: unknown query parameters, a wrong secret or a token that
/// does not cover the object are refused with Meta's codes. Sources, per call: the exchanges,
/// developers.facebook.com/docs/facebook-login/guides/access-tokens (101 invalid app id, 1 wrong secret) and Embedded
/// Signup's implementation page (code exchange without redirect_uri); the code's subcodes 36007 expired and 36009 used as
/// the Graph API answers them (quoted in akeeba/sociallogin#102 and overtrue/socialite#198), 36008 for any other code
/// (our choice: no page confirms it); debug_token, developers.facebook.com/docs/graph-api/reference/debug_token;
/// subscribed_apps, developers.facebook.com/docs/graph-api/reference/whatsapp-business-account/subscribed_apps and
/// .../page/subscribed_apps (subscribed_fields required for a Page); register and its 133005/133016,
/// developers.facebook.com/docs/whatsapp/cloud-api/reference/registration; /me/accounts,
/// developers.facebook.com/docs/graph-api/reference/user/accounts; a number's fields,
/// developers.facebook.com/docs/graph-api/reference/whatsapp-business-account-to-number-current-status, with the display
/// format of david-lev/pywa's test data ("+1 555-010-4477").
/// </summary>
public static partial class OnboardingGraphApi
{
    public const string WhatsApp = "whatsapp";
    public const string Messenger = "messenger";

    /// <summary>The Page permissions Facebook Login for Business grants the app (Messenger's Page onboarding).</summary>
    private static readonly string[] PageScopes = ["pages_show_list", "pages_messaging", "pages_manage_metadata"];

    /// <summary>The WhatsApp permissions of Embedded Signup's business token, each listing the shared accounts.</summary>
    private static readonly string[] WhatsAppScopes = ["whatsapp_business_management", "whatsapp_business_messaging"];

    public static void MapOnboardingGraph(this RouteGroupBuilder graph, string provider)
    {
        graph.MapGet("/oauth/access_token", (HttpRequest request, MetaLogins logins, IServiceProvider services) =>
            ExchangeAsync(provider, request, logins, services));
        graph.MapGet("/debug_token", (HttpRequest request, MetaLogins logins, IServiceProvider services) =>
            DebugToken(provider, request, logins, services));
        graph.MapPost("/{objectId}/subscribed_apps", (string objectId, HttpRequest request, MetaLogins logins, IServiceProvider services) =>
            Subscription(provider, objectId, request, logins, services, subscribe: true));
        graph.MapDelete("/{objectId}/subscribed_apps", (string objectId, HttpRequest request, MetaLogins logins, IServiceProvider services) =>
            Subscription(provider, objectId, request, logins, services, subscribe: false));
        if (provider == WhatsApp)
        {
            graph.MapPost("/{phoneNumberId}/register", RegisterAsync);
        }
        else
        {
            graph.MapGet("/me/accounts", Accounts);
        }
    }

    /// <summary>The emulated app of a provider: its id and secret, from the emulator's settings.</summary>
    public static (string AppId, string Secret) App(string provider, IServiceProvider services) => provider == WhatsApp
        ? (services.GetRequiredService<IOptions<WhatsAppEmulatorOptions>>().Value.AppId, services.GetRequiredService<IOptions<WhatsAppEmulatorOptions>>().Value.AppSecret)
        : (services.GetRequiredService<IOptions<MessengerEmulatorOptions>>().Value.AppId, services.GetRequiredService<IOptions<MessengerEmulatorOptions>>().Value.AppSecret);

    private static readonly string[] ExchangeParameters = ["client_id", "client_secret", "code", "grant_type", "fb_exchange_token", "redirect_uri"];

    private static Task<IResult> ExchangeAsync(string provider, HttpRequest request, MetaLogins logins, IServiceProvider services)
    {
        var query = request.Query;
        var (appId, secret) = App(provider, services);
        if (query.Keys.FirstOrDefault(key => !ExchangeParameters.Contains(key)) is { } unknown)
        {
            return Task.FromResult(Error(400, 100, null, $"(#100) Unexpected parameter: {unknown}"));
        }
        if (query["client_id"] != appId)
        {
            return Task.FromResult(Error(400, 101, null, "Error validating application. Invalid application ID."));
        }
        if (!Same(query["client_secret"].ToString(), secret))
        {
            return Task.FromResult(Error(400, 1, null, "Error validating client secret."));
        }
        var code = query["code"].ToString();
        var userToken = query["fb_exchange_token"].ToString();
        if (query["grant_type"] == "fb_exchange_token" && code.Length == 0 && userToken.Length > 0)
        {
            if (logins.Find(userToken) is not { Kind: GrantKinds.ShortUser } user || user.AppId != appId)
            {
                return Task.FromResult(Error(400, 190, null, "Invalid OAuth access token - Cannot parse access token"));
            }
            var longLived = logins.IssueToken(user with { Kind = GrantKinds.LongUser });
            return Task.FromResult(Json(new TokenAnswer(longLived, "bearer", 5_183_944), MetaJsonContext.Default.TokenAnswer));
        }
        if (code.Length == 0 || query.ContainsKey("grant_type") || userToken.Length > 0)
        {
            return Task.FromResult(Error(400, 100, null, "Missing or conflicting parameters: give code, or grant_type=fb_exchange_token with fb_exchange_token"));
        }
        var (grant, problem) = logins.RedeemCode(appId, code);
        return Task.FromResult(problem switch
        {
            "used" => Error(400, 100, 36009, "This authorization code has been used."),
            "expired" => Error(400, 100, 36007, "This authorization code has expired."),
            null => Json(new TokenAnswer(logins.IssueToken(grant!), "bearer", null), MetaJsonContext.Default.TokenAnswer),
            _ => Error(400, 100, 36008, "Invalid verification code format."),
        });
    }

    private static IResult DebugToken(string provider, HttpRequest request, MetaLogins logins, IServiceProvider services)
    {
        var (appId, secret) = App(provider, services);
        if (!Same(Bearer(request) ?? "", $"{appId}|{secret}"))
        {
            return Error(400, 190, null, "Invalid OAuth access token - debug_token needs the app's token");
        }
        var input = request.Query["input_token"].ToString();
        if (logins.Find(input) is not { } grant || grant.AppId != appId)
        {
            return Json(new DebugTokenAnswer(new DebugTokenData(null, null, null, null, false, null, null, null,
                new MetaOnboardingError("Invalid OAuth access token.", "OAuthException", 190, null, TraceId()))), MetaJsonContext.Default.DebugTokenAnswer);
        }
        var business = grant.Kind == GrantKinds.Business;
        var scopes = business ? WhatsAppScopes : PageScopes;
        var targets = business ? grant.WabaIds : grant.PageIds;
        return Json(new DebugTokenAnswer(new DebugTokenData(
            grant.AppId, business ? "SYSTEM_USER" : "USER", "TemporalBridge sandbox app", ExpiresAt: 0, IsValid: true, scopes,
            [.. scopes.Select(scope => new GranularScopeView(scope, targets))], grant.UserId, null)), MetaJsonContext.Default.DebugTokenAnswer);
    }

    private static IResult Subscription(string provider, string objectId, HttpRequest request, MetaLogins logins, IServiceProvider services, bool subscribe)
    {
        var (appId, _) = App(provider, services);
        var token = Bearer(request);
        if (provider == WhatsApp)
        {
            if (logins.Find(token) is not { Kind: GrantKinds.Business } grant || grant.AppId != appId)
            {
                return Error(401, 190, null, "Invalid OAuth access token - Cannot parse access token");
            }
            if (!grant.WabaIds.Contains(objectId))
            {
                return UnknownObject(objectId, subscribe ? "post" : "delete");
            }
        }
        else
        {
            var tokens = services.GetRequiredService<PageTokens>();
            if (token is null || tokens.PageOf(token)?.PageId != objectId)
            {
                return Error(401, 190, null, "Invalid OAuth access token - a Page's subscriptions need that Page's token");
            }
            var fields = request.Query["subscribed_fields"].ToString();
            if (subscribe && fields.Length == 0)
            {
                return Error(400, 100, null, "(#100) The parameter subscribed_fields is required.");
            }
        }
        if (subscribe)
        {
            logins.Subscribe(appId, objectId);
        }
        else
        {
            logins.Unsubscribe(appId, objectId);
        }
        return Json(new SuccessView(true), MetaJsonContext.Default.SuccessView);
    }

    private static async Task<IResult> RegisterAsync(
        string phoneNumberId, HttpRequest request, MetaLogins logins, IOptions<WhatsAppEmulatorOptions> options, FaultList<GraphFault> faults)
    {
        var number = options.Value.Numbers().FirstOrDefault(n => n.PhoneNumberId == phoneNumberId);
        if (number is null || !logins.CoversNumber(Bearer(request), phoneNumberId, _ => options.Value.WabaId))
        {
            return number is null ? UnknownObject(phoneNumberId, "post") : Error(401, 190, null, "Invalid OAuth access token - Cannot parse access token");
        }
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, MetaJsonContext.Default.JsonElement);
        }
        catch (JsonException)
        {
            return Error(400, 100, null, "(#100) The request body must be JSON");
        }
        if (body.ValueKind != JsonValueKind.Object
            || body.EnumerateObject().Any(p => p.Name is not ("messaging_product" or "pin"))
            || !body.TryGetProperty("messaging_product", out var product) || product.ValueKind != JsonValueKind.String || product.GetString() != "whatsapp"
            || !body.TryGetProperty("pin", out var pin) || pin.ValueKind != JsonValueKind.String || !Pin().IsMatch(pin.GetString()!))
        {
            return Error(400, 100, null, "(#100) The body takes messaging_product \"whatsapp\" and pin, six digits, and nothing else");
        }
        if (faults.Take(f => f.Operation == GraphOperations.Register && f.Matches(GraphOperations.Register, phoneNumberId, null)) is { Code: { } code })
        {
            // An injected refusal, e.g. 131031 (the business account is locked), which the register reference lists: nothing registered.
            var known = GraphErrors.IsKnown(code) ? GraphErrors.Get(code).Title : "Registration refused";
            return Error(400, code, null, $"(#{code}) {known}");
        }
        return logins.Register(phoneNumberId, pin.GetString()!) switch
        {
            133005 => Error(400, 133005, null, "(#133005) Two step verification PIN Mismatch"),
            133016 => Error(400, 133016, null, "(#133016) Account register deregister rate limit exceeded"),
            _ => Json(new SuccessView(true), MetaJsonContext.Default.SuccessView),
        };
    }

    private static IResult Accounts(HttpRequest request, MetaLogins logins, PageTokens tokens, IOptions<MessengerEmulatorOptions> options)
    {
        if (logins.Find(Bearer(request)) is not { Kind: GrantKinds.ShortUser or GrantKinds.LongUser } grant || grant.AppId != options.Value.AppId)
        {
            return Error(401, 190, null, "Invalid OAuth access token - Cannot parse access token");
        }
        var pages = options.Value.AllPages()
            .Where(page => grant.PageIds.Contains(page.PageId))
            .Select(page => new ManagedPageView(page.PageId, page.Name, tokens.CurrentToken(page.PageId), "Bakery", ["MANAGE", "MESSAGING", "MODERATE"]))
            .ToList();
        return Json(new AccountsAnswer(pages, new AccountsPaging(new AccountsCursors("QVFIUmJlZm9yZQ", "QVFIUmFmdGVy"))), MetaJsonContext.Default.AccountsAnswer);
    }

    /// <summary>A business number's fields, for <c>GET /{phone-number-id}</c> (routed by the media lookup, whose path it shares).</summary>
    public static IResult PhoneNumber(BusinessNumber number, string? fields, MetaLogins logins)
    {
        var allowed = new[] { "id", "verified_name", "display_phone_number", "platform_type", "status", "code_verification_status", "quality_rating" };
        var asked = (fields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (asked.Length == 0)
        {
            return Error(400, 100, null, "(#100) param fields is required");
        }
        if (asked.FirstOrDefault(f => !allowed.Contains(f)) is { } other)
        {
            return Error(400, 100, null, $"(#100) Tried accessing nonexisting field ({other})");
        }
        var registered = logins.IsRegistered(number.PhoneNumberId);
        string? Field(string name, string value) => asked.Contains(name) ? value : null;
        return Json(new PhoneNumberView(
            number.PhoneNumberId,
            Field("verified_name", number.VerifiedName),
            Field("display_phone_number", Display(number.DisplayPhoneNumber)),
            Field("platform_type", registered ? "CLOUD_API" : "NOT_APPLICABLE"),
            Field("status", registered ? "CONNECTED" : "PENDING"),
            Field("code_verification_status", "VERIFIED"),
            Field("quality_rating", "GREEN")), MetaJsonContext.Default.PhoneNumberView);
    }

    /// <summary>"15550783881" as Meta shows it: "+1 555-078-3881".</summary>
    private static string Display(string digits) =>
        digits.Length == 11 && digits[0] == '1' ? $"+1 {digits[1..4]}-{digits[4..7]}-{digits[7..]}" : "+" + digits;

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult Error(int status, int code, int? subcode, string message) =>
        Json(new MetaOnboardingErrorBody(new MetaOnboardingError(message, "OAuthException", code, subcode, TraceId())), MetaJsonContext.Default.MetaOnboardingErrorBody, status);

    private static IResult UnknownObject(string id, string verb) => Json(new MetaOnboardingErrorBody(new MetaOnboardingError(
        $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        "GraphMethodException", 100, 33, TraceId())), MetaJsonContext.Default.MetaOnboardingErrorBody, 400);

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, int status = 200) =>
        TypedResults.Json(value, type, statusCode: status);

    private static string TraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^[0-9]{6}\z")]
    private static partial Regex Pin();
}
