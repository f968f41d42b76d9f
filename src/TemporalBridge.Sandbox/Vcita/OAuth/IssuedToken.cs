namespace TemporalBridge.Sandbox.Vcita.OAuth;

public enum TokenKind
{
    /// <summary>Identifies a communication app (service token): creates and changes channels.</summary>
    App,

    /// <summary>Acts for one business (authorization-code flow): sessions, messages, clients.</summary>
    Business,
}

/// <summary>A bearer token the emulator issued, and whom it stands for.</summary>
public sealed record IssuedToken(string Value, TokenKind Kind, string ClientId, string? BusinessUid, DateTimeOffset CreatedAt, TimeSpan Lifetime)
{
    public DateTimeOffset ExpiresAt => CreatedAt + Lifetime;

    /// <summary><c>POST /oauth/token</c>'s answer (oauth.json paths./token.post.responses.200.examples): <c>created_at</c>
    /// in Unix seconds.</summary>
    public TokenResponse ToResponse() =>
        new(Value, "Bearer", (long)Lifetime.TotalSeconds, CreatedAt.ToUnixTimeSeconds());

    /// <summary><c>POST /oauth/service/token</c>'s answer (legacy_token.json paths./token.post.responses.200.examples):
    /// the same fields, but <c>created_at</c> an ISO 8601 time ("2021-11-16T13:29:47.000Z").</summary>
    public ServiceTokenResponse ToServiceResponse() =>
        new(Value, "Bearer", (long)Lifetime.TotalSeconds, CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>What <c>POST /oauth/token</c> answers (vcita/developers-hub swagger/platform_administration/legacy/oauth.json).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, long CreatedAt);

/// <summary>What <c>POST /oauth/service/token</c> answers (vcita/developers-hub swagger/apps/legacy/legacy_token.json).</summary>
public sealed record ServiceTokenResponse(string AccessToken, string TokenType, long ExpiresIn, string CreatedAt);

/// <summary>vcita's OAuth error: <c>{error: "invalid_request" | "invalid_client", error_description}</c>.</summary>
public sealed record OAuthError(string Error, string ErrorDescription)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";

    /// <summary>RFC 6750's code for a bad bearer token at a protected resource (userinfo); not in the facts sheet.</summary>
    public const string InvalidToken = "invalid_token";
}

/// <summary>
/// What <c>GET /oauth/userinfo</c> answers for a business token: the fields of oauth.json
/// paths./userinfo.get.responses.200.examples but its <c>brand_theme</c> (colours and logos), which no app reads here.
/// </summary>
public sealed record UserInfo(
    string BrandHost, string BusinessId, string BusinessName, string BusinessUid, string DirectoryUid, string Email, string Role, string Sub, string Type);
