using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary>
/// <c>POST /platform/v1/apps</c>, with a directory token: creating an app (vcita/developers-hub
/// swagger/apps/legacy/legacy_v1_apps.json paths./apps.post). Answers 201 <c>{"data": {...}, "status": "OK"}</c>
/// (its responses.201.examples), the app's fields directly under <c>data</c>.
/// </summary>
public static class AppsApi
{
    public static void MapApps(this RouteGroupBuilder platform) =>
        platform.MapPost("/apps", CreateApp)
            .Emulates(VcitaEndpoints.AppsCreate)
            .AddEndpointFilter<DirectoryTokenFilter>()
            .Validates<CreateAppRequest>();

    private static Created<PlatformSuccess<AppCredentials>> CreateApp(CreateAppRequest? body, AppRegistry apps)
    {
        var app = apps.Register(
            body!.Name!, body.AppCodeName, body.ApiUri is null ? null : new Uri(body.ApiUri), body.RedirectUri!,
            body.Trusted is { ValueKind: JsonValueKind.String } trusted && trusted.ValueEquals("true"), body.UrlParams);
        return PlatformResults.Created(new AppCredentials(app.AppCodeName, app.AppId, app.ClientId, app.ClientSecret, app.Name));
    }
}

/// <summary>
/// The body of <c>POST /apps</c> (paths./apps.post.parameters[0].schema). The spec marks <c>app_code_name</c> and
/// <c>redirect_uri</c> as required inline, but vcita's own verified tests create apps without <c>app_code_name</c>
/// (api-validation/workflows/apps/post_platform_v1_apps.md, post_oauth_service_token.md): the emulator requires
/// <c>redirect_uri</c> and <c>name</c> (3–25 characters), and makes up a code name when none is given. <c>trusted</c>
/// is a string ("true"/"false") in the spec, so a JSON boolean there is refused.
/// </summary>
public sealed partial record CreateAppRequest(
    string? Name,
    string? AppCodeName,
    IReadOnlyList<string>? AppType,
    JsonElement? Trusted,
    IReadOnlyList<string>? UrlParams,
    string? RedirectUri,
    string? ApiUri,
    bool? OpenChannel) : IPlatformRequest
{
    /// <summary>The other fields the spec documents for this body, accepted and not read.</summary>
    private static readonly HashSet<string> OtherDocumentedFields =
    [
        "menu_items", "open_in_new_tab", "full_screen", "description", "app_features", "app_screenshot_uris",
        "app_mobile_screenshot_uris", "contact_support_link", "locales", "payment_data", "privacy_policy_link",
        "personal_connection", "supported_countries", "app_layer", "deep_link", "scopes", "demand_scopes",
        "access_token_format", "client_auth_jwks_uri",
    ];

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Others { get; set; }

    public IDictionary<string, JsonElement>? Undocumented =>
        Others?.Where(entry => !OtherDocumentedFields.Contains(entry.Key)).ToDictionary();

    public void Validate(VcitaValidation check)
    {
        if (check.Required("name", Name))
        {
            check.Length("name", Name, VcitaRules.MinAppNameLength, VcitaRules.MaxAppNameLength);
        }

        if (AppCodeName is not null && !CodeNamePattern().IsMatch(AppCodeName))
        {
            check.Fail(VcitaErrorCodes.Invalid, "app_code_name is invalid: letters and digits only");
        }

        foreach (var type in AppType ?? [])
        {
            check.OneOf("app_type", type, VcitaRules.AppTypes);
        }

        if (Trusted is { ValueKind: not JsonValueKind.Null } trusted
            && (trusted.ValueKind != JsonValueKind.String || !(trusted.ValueEquals("true") || trusted.ValueEquals("false"))))
        {
            check.Fail(VcitaErrorCodes.Invalid, "trusted is invalid: it must be the string \"true\" or \"false\"");
        }
        foreach (var parameter in UrlParams ?? [])
        {
            check.OneOf("url_params", parameter, VcitaRules.UrlParams);
        }

        check.HttpUrl("redirect_uri", RedirectUri);
        if (ApiUri is not null && !VcitaRules.IsHttpUrl(ApiUri))
        {
            check.Fail(VcitaErrorCodes.Invalid, "api_uri is invalid: it must be an absolute http(s) URL");
        }
    }

    /// <summary>paths./apps.post: app_code_name's pattern <c>^[a-zA-Z0-9]+$</c>.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]+\\z")]
    private static partial Regex CodeNamePattern();
}

/// <summary>What <c>POST /apps</c> answers under <c>data</c> (paths./apps.post.responses.201.examples); vcita shows
/// the secret only in this answer.</summary>
public sealed record AppCredentials(string AppCodeName, string AppId, string ClientId, string ClientSecret, string Name);
