using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Sandbox.Meta;

// Meta's onboarding answers, each shape as the reference page named beside it gives it. Written snake_case.

/// <summary>Graph API error envelope (developers.facebook.com/docs/graph-api/guides/error-handling).</summary>
public sealed record MetaOnboardingError(string Message, string Type, int Code, int? ErrorSubcode, string FbtraceId);

public sealed record MetaOnboardingErrorBody(MetaOnboardingError Error);

/// <summary><c>/oauth/access_token</c> (developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived;
/// Embedded Signup's code exchange answers without <c>expires_in</c>).</summary>
public sealed record TokenAnswer(string AccessToken, string TokenType, long? ExpiresIn);

/// <summary><c>debug_token</c> (developers.facebook.com/docs/graph-api/reference/debug_token).</summary>
public sealed record DebugTokenAnswer(DebugTokenData Data);

public sealed record DebugTokenData(
    string? AppId,
    string? Type,
    string? Application,
    long? ExpiresAt,
    bool IsValid,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<GranularScopeView>? GranularScopes,
    string? UserId,
    MetaOnboardingError? Error);

public sealed record GranularScopeView(string Scope, IReadOnlyList<string>? TargetIds);

/// <summary><c>{"success": true}</c> (subscribed_apps, register).</summary>
public sealed record SuccessView(bool Success);

/// <summary>A business phone number's fields (developers.facebook.com/docs/graph-api/reference/whatsapp-business-account-to-number-current-status).</summary>
public sealed record PhoneNumberView(string Id, string? VerifiedName, string? DisplayPhoneNumber, string? PlatformType, string? Status, string? CodeVerificationStatus, string? QualityRating);

/// <summary><c>/me/accounts</c> (developers.facebook.com/docs/graph-api/reference/user/accounts).</summary>
public sealed record AccountsAnswer(IReadOnlyList<ManagedPageView> Data, AccountsPaging Paging);

public sealed record ManagedPageView(string Id, string Name, string? AccessToken, string Category, IReadOnlyList<string> Tasks);

public sealed record AccountsPaging(AccountsCursors Cursors);

public sealed record AccountsCursors(string Before, string After);

/// <summary>What the dialog stand-in asks for when the person finishes it: the sandbox's own control shape, not Meta's
/// (Meta's dialog talks to Meta only).</summary>
public sealed record DialogFinishRequest(string AppId, string Flow, string? WabaId, string? PhoneNumberId, IReadOnlyList<string>? PageIds, bool ShareAccount = true);

/// <summary>What the dialog hands the SDK stand-in: a code (Embedded Signup) or a user token (Facebook Login).</summary>
public sealed record DialogFinishAnswer(string? Code, string? AccessToken, string? UserId);

/// <summary>The control API's view of Meta's side: the sandbox's own shape.</summary>
public sealed record MetaLoginsView(IReadOnlyList<string> WhatsAppSubscriptions, IReadOnlyList<string> MessengerSubscriptions, IReadOnlyDictionary<string, int> RegisterCalls);

/// <summary>A <c>signed_request</c>'s payload (developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback).</summary>
public sealed record SignedRequestPayload(string Algorithm, long Expires, long IssuedAt, string UserId);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MetaOnboardingErrorBody))]
[JsonSerializable(typeof(TokenAnswer))]
[JsonSerializable(typeof(DebugTokenAnswer))]
[JsonSerializable(typeof(SuccessView))]
[JsonSerializable(typeof(PhoneNumberView))]
[JsonSerializable(typeof(AccountsAnswer))]
[JsonSerializable(typeof(DialogFinishRequest))]
[JsonSerializable(typeof(DialogFinishAnswer))]
[JsonSerializable(typeof(MetaLoginsView))]
[JsonSerializable(typeof(SignedRequestPayload))]
[JsonSerializable(typeof(AppRemovalAnswer))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class MetaJsonContext : JsonSerializerContext;
