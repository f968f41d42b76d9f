using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita.OAuth;

/// <summary>
/// vcita's tokens: the app (service) token (vcita/developers-hub swagger/apps/legacy/legacy_token.json), the
/// authorization-code flow for a business token — whose authorize page, in the emulator, consents at once and
/// redirects — and userinfo (swagger/platform_administration/legacy/oauth.json).
/// </summary>
public static class OAuthApi
{
    public static void MapOAuth(this RouteGroupBuilder vcita)
    {
        vcita.MapPost("/oauth/service/token", ServiceToken).Emulates(VcitaEndpoints.ServiceToken);
        vcita.MapGet("/app/oauth/authorize", Authorize).Emulates(VcitaEndpoints.Authorize);
        vcita.MapPost("/oauth/token", ExchangeCode).Emulates(VcitaEndpoints.Token).DisableAntiforgery();
        vcita.MapGet("/oauth/userinfo", GetUserInfo).Emulates(VcitaEndpoints.UserInfo);
    }

    /// <summary>JSON <c>{service_id, service_secret}</c>, both required. The spec documents 400 and 401 without a body;
    /// the emulator gives them OAuth's error body.</summary>
    private static Results<Ok<ServiceTokenResponse>, JsonHttpResult<OAuthError>> ServiceToken(
        ServiceTokenRequest? body, AppRegistry apps, TokenStore tokens)
    {
        if (string.IsNullOrWhiteSpace(body?.ServiceId) || string.IsNullOrWhiteSpace(body.ServiceSecret))
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "service_id and service_secret are required");
        }

        return apps.Authenticate(body.ServiceId, body.ServiceSecret) is { } app
            ? TypedResults.Ok(tokens.IssueAppToken(app.ClientId).ToServiceResponse())
            : Error(StatusCodes.Status401Unauthorized, OAuthError.InvalidClient, "unknown service_id or wrong service_secret");
    }

    /// <summary>
    /// The emulator's consent page: no page at all, an immediate 302 back to the app. <c>business_uid</c> picks the
    /// business that "consents" (else the default one); <c>deny=true</c> answers as a business that refused.
    /// </summary>
    private static Results<RedirectHttpResult, JsonHttpResult<OAuthError>> Authorize(
        [FromQuery(Name = "client_id")] string? clientId,
        [FromQuery(Name = "redirect_uri")] string? redirectUri,
        [FromQuery(Name = "response_type")] string? responseType,
        [FromQuery(Name = "business_uid")] string? businessUid,
        string? state,
        bool? deny,
        AppRegistry apps,
        AuthorizationCodes codes,
        IOptions<VcitaEmulatorOptions> options)
    {
        // Errors about the client or the redirect_uri are shown, never redirected: the redirect target is not trusted.
        if (apps.Find(clientId) is not { } app)
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidClient, "unknown client_id");
        }

        if (!VcitaRules.IsHttpUrl(redirectUri) || (app.RedirectUri is not null && app.RedirectUri != redirectUri))
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "redirect_uri is missing, not absolute, or not the app's");
        }

        var business = businessUid ?? options.Value.DefaultBusinessUid;
        if (business.Length != VcitaRules.BusinessUidLength)
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, $"business_uid must be {VcitaRules.BusinessUidLength} characters");
        }

        var query = new Dictionary<string, string?>();
        if (responseType != "code")
        {
            query["error"] = "unsupported_response_type";
        }
        else if (deny == true)
        {
            query["error"] = "access_denied";
        }
        else
        {
            query["code"] = codes.Issue(app.ClientId, business, redirectUri!).Code;
        }

        if (state is not null)
        {
            query["state"] = state;
        }

        // The facts sheet: vcita adds the app's url_params, e.g. business_uid. The emulator always adds it.
        query["business_uid"] = business;
        return TypedResults.Redirect(QueryHelpers.AddQueryString(redirectUri!, query));
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> ExchangeCode(
        HttpRequest request, AppRegistry apps, AuthorizationCodes codes, TokenStore tokens)
    {
        var form = await ReadTokenRequestAsync(request);
        if (form is null)
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "the body must be a JSON object (Content-Type: application/json)");
        }

        if (apps.Authenticate(form.GetValueOrDefault("client_id"), form.GetValueOrDefault("client_secret")) is not { } app)
        {
            return Error(StatusCodes.Status401Unauthorized, OAuthError.InvalidClient, "unknown client_id or wrong client_secret");
        }

        if (form.GetValueOrDefault("grant_type") != "authorization_code")
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "grant_type must be authorization_code");
        }

        if (form.GetValueOrDefault("code") is not { Length: > 0 } code)
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "code is required");
        }

        var grant = codes.Redeem(code);
        if (grant is null || grant.ClientId != app.ClientId)
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "the code is unknown, expired or already used");
        }

        if (grant.RedirectUri != form.GetValueOrDefault("redirect_uri"))
        {
            return Error(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest, "redirect_uri does not match the authorize request's");
        }

        return TypedResults.Ok(tokens.IssueBusinessToken(app.ClientId, grant.BusinessUid).ToResponse());
    }

    private static Results<Ok<UserInfo>, JsonHttpResult<OAuthError>> GetUserInfo(HttpRequest request, TokenStore tokens) =>
        tokens.Find(BearerTokens.Read(request)) is { Kind: TokenKind.Business, BusinessUid: { } business }
            ? TypedResults.Ok(new UserInfo(
                $"{business}.myclients.me", business, $"Business {business}", business, $"dir{business[3..]}", $"owner@{business}.example", "owner",
                $"staff{business[5..]}", "staff"))
            : Error(StatusCodes.Status401Unauthorized, OAuthError.InvalidToken, "a valid business token is required");

    /// <summary>
    /// JSON only: oauth.json paths./token.post consumes <c>application/json</c> and nothing else, and vcita's own
    /// verified test posts JSON (api-validation/workflows/platform_administration/post_oauth_token.md). A form, which
    /// OAuth 2.0 itself would use, is refused: nothing vcita publishes says it is taken.
    /// </summary>
    private static async Task<Dictionary<string, string?>?> ReadTokenRequestAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return json.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : json.RootElement.EnumerateObject().ToDictionary(
                    p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonHttpResult<OAuthError> Error(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: status);
}

public sealed record ServiceTokenRequest(string? ServiceId, string? ServiceSecret);
