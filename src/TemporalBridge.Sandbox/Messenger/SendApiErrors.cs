using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>One Send API error: its code, subcode, the HTTP status Meta pairs it with, and Meta's message.</summary>
public sealed record SendApiError(int Code, int? Subcode, int HttpStatus, string Message, string Type = "OAuthException");

/// <summary>
/// The Send API errors the emulator answers, from Meta's Send API error codes page
/// (developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes), with the messages Meta writes
/// (those quoted in public issues where the page gives none: 10/2018278 as botpress/botpress#4890 shows it,
/// 100/2018218 as chatwoot/chatwoot#6632 handles it). The HTTP statuses are the Graph API's: 400 for request and
/// permission errors, 401 for an unusable token, 403 for a person who cannot be reached.
/// </summary>
public static class SendApiErrors
{
    public static readonly SendApiError InvalidToken = new(190, null, 401, "Invalid OAuth access token - Cannot parse access token");
    public static readonly SendApiError OutsideWindow = new(10, 2018278, 400,
        "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview");
    public static readonly SendApiError NoMatchingUser = new(100, 2018001, 400, "(#100) No matching user found");
    public static readonly SendApiError NoProfile = new(100, 2018218, 400, "(#100) No profile available for this user.");
    public static readonly SendApiError NotAvailable = new(551, 1545041, 400, "(#551) This person isn't available right now.");
    public static readonly SendApiError PermissionMissing = new(200, null, 400, "(#200) The app does not have the permission this call needs");
    public static readonly SendApiError RateLimited = new(613, null, 400, "(#613) Calls to this api have exceeded the rate limit.");
    public static readonly SendApiError Temporary = new(1200, null, 500, "(#1200) Temporary send message failure. Please try again later");
    public static readonly SendApiError MessagingOff = new(10904, null, 400, "(#10904) This Page has messaging turned off");

    /// <summary>Meta's answer to a parameter it does not take, naming it as Meta does.</summary>
    public static SendApiError InvalidParameter(string details) => new(100, null, 400, $"(#100) {details}");

    /// <summary>Meta's answer for an id that is not one of its objects, or not the token's.</summary>
    public static SendApiError UnknownObject(string id, string verb) => new(100, 33, 400,
        $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        "GraphMethodException");

    /// <summary>Errors the control API can inject by code (and subcode, where one code means two things).</summary>
    public static readonly IReadOnlyList<SendApiError> Injectable =
        [InvalidToken, OutsideWindow, NoMatchingUser, NoProfile, NotAvailable, PermissionMissing, RateLimited, Temporary, MessagingOff];

    public static JsonHttpResult<MetaErrorBody> Answer(SendApiError error) =>
        TypedResults.Json(
            new MetaErrorBody(new MetaError(error.Message, error.Type, error.Code, error.Subcode, NewTraceId())),
            MessengerJsonContext.Default.MetaErrorBody,
            statusCode: error.HttpStatus);

    private static string NewTraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');
}
