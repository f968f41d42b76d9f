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

    public TokenResponse ToResponse() =>
        new(Value, "Bearer", (long)Lifetime.TotalSeconds, CreatedAt.ToUnixTimeSeconds());
}

/// <summary>What vcita's token endpoints answer (Doorkeeper's shape; <c>created_at</c> in Unix seconds).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, long CreatedAt);

/// <summary>vcita's OAuth error: <c>{error: "invalid_request" | "invalid_client", error_description}</c>.</summary>
public sealed record OAuthError(string Error, string ErrorDescription)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";

    /// <summary>RFC 6750's code for a bad bearer token at a protected resource (userinfo); not in the facts sheet.</summary>
    public const string InvalidToken = "invalid_token";
}

/// <summary>What <c>GET /oauth/userinfo</c> answers for a business token.</summary>
public sealed record UserInfo(string BusinessUid, string Sub, string Role);
