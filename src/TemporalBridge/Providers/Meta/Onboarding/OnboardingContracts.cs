namespace TemporalBridge.Providers.Meta.Onboarding;

// The Graph API's answers as the onboarding calls read them (snake_case on the wire, OnboardingJsonContext). Only
// what the bridge uses is named; Meta adds fields freely.

/// <summary><c>{"access_token": …, "token_type": "bearer", "expires_in": …}</c>; <c>expires_in</c> is absent for a
/// token that does not expire by date.</summary>
public sealed record AccessTokenAnswer(string AccessToken, string? TokenType = null, long? ExpiresIn = null)
{
    public override string ToString() => "AccessTokenAnswer { AccessToken = [redacted] }";
}

/// <summary><c>debug_token</c>'s <c>{"data": {…}}</c>.</summary>
public sealed record TokenDebugAnswer(TokenDebug Data);

/// <param name="UserId">The app-scoped id of the person who granted the token.</param>
/// <param name="GranularScopes">Each permission, with the ids of the assets it covers (none listed: all the person's).</param>
public sealed record TokenDebug(
    string? AppId,
    bool IsValid,
    string? UserId = null,
    IReadOnlyList<string>? Scopes = null,
    IReadOnlyList<GranularScope>? GranularScopes = null);

public sealed record GranularScope(string Scope, IReadOnlyList<string>? TargetIds = null);

/// <summary><c>{"success": true}</c>.</summary>
public sealed record SuccessAnswer(bool Success);

/// <param name="PlatformType">Where the number is registered: <c>CLOUD_API</c> once registered for the Cloud API,
/// <c>NOT_APPLICABLE</c> before (Meta's phone number reference).</param>
public sealed record PhoneNumberAnswer(string Id, string? VerifiedName = null, string? DisplayPhoneNumber = null, string? PlatformType = null, string? Status = null);

/// <summary><c>POST /{phone_number_id}/register</c>'s body.</summary>
public sealed record RegisterRequest(string MessagingProduct, string Pin)
{
    public override string ToString() => "RegisterRequest { Pin = [redacted] }";
}

/// <summary><c>/me/accounts</c>: one page of the person's Pages.</summary>
public sealed record PagesAnswer(IReadOnlyList<ManagedPage> Data);

public sealed record ManagedPage(string Id, string Name, string? AccessToken = null)
{
    public override string ToString() => $"ManagedPage {{ Id = {Id}, AccessToken = [redacted] }}";
}
