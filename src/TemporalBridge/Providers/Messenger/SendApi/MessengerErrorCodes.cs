using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger.SendApi;

/// <summary>
/// What a Send API error means for the caller, per Meta's Send API error codes
/// (developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes) and the Graph API's own codes
/// (developers.facebook.com/docs/graph-api/guides/error-handling). Code 10 means two things: with subcode 2018278 the
/// message is outside the allowed window; otherwise a permission is missing. Only when no code came (a proxy's error
/// page, an empty body) does the HTTP status speak.
/// </summary>
public static class MessengerErrorCodes
{
    /// <summary>Code 10's subcodes that say the message is outside the allowed window: 2018278 ("This message is sent
    /// outside of allowed window"), 2018065 (outside the window, and the app lacks the permission to message then),
    /// 2534022 (outside the window the message's tag allows).</summary>
    private static readonly HashSet<long> OutsideWindowSubcodes = [2018278, 2018065, 2534022];

    /// <summary>Subcodes about the one person, whatever the code: 1545041 ("This person isn't available right now", with
    /// 551 or 200), 2018108 (the person cannot receive messages from the Page), 2018001 (no matching user).</summary>
    private static readonly HashSet<long> PersonSubcodes = [1545041, 2018108, 2018001];

    /// <summary>Meta failing for now: 1 (unknown), 2 (service), 1200 (temporary send failure).</summary>
    private static readonly HashSet<long> TransientCodes = [1, 2, 1200];

    /// <summary>Rate limits: 4 (the app's), 32 (the Page's), 613 (calls exceeded the rate).</summary>
    private static readonly HashSet<long> ThrottledCodes = [4, 32, 613];

    /// <summary>The person cannot get it: 551 (not available: blocked the Page, deactivated).</summary>
    private const long NotAvailable = 551;

    /// <summary>The token, or what it may do: 190 (invalid or expired: a changed password, a removed admin, the app
    /// removed), 10 / 200–299 / 230 (a permission missing).</summary>
    private static readonly HashSet<long> TokenCodes = [190, 10, 230];

    /// <summary>10904: the Page has messaging turned off; the business must turn it on.</summary>
    private const long MessagingOff = 10904;

    public static ProviderFailure Classify(GraphErrorCode error) => error switch
    {
        { Code: 10, Subcode: { } sub } when OutsideWindowSubcodes.Contains(sub) => ProviderFailure.OutsideWindow,
        // About one person, not the Page's token: checked before the token codes 10 and 200 they can come with.
        { Code: NotAvailable } => ProviderFailure.Undeliverable,
        { Subcode: { } sub } when PersonSubcodes.Contains(sub) => ProviderFailure.Undeliverable,
        { Code: { } c } when ThrottledCodes.Contains(c) => ProviderFailure.Throttled,
        { Code: { } c } when TransientCodes.Contains(c) => ProviderFailure.Transient,
        { Code: { } c } when TokenCodes.Contains(c) || c is >= 200 and <= 299 => ProviderFailure.TokenRejected,
        { Code: MessagingOff } => ProviderFailure.AccountRestricted,
        { Code: 100 } => ProviderFailure.BadRequest,
        // A code the table does not know: Meta's own 5xx may still recover; a 4xx is about the request.
        { Code: not null } => error.HttpStatus >= 500 ? ProviderFailure.Transient : ProviderFailure.BadRequest,
        _ => error.HttpStatus switch
        {
            null or 408 or 429 or >= 500 => ProviderFailure.Transient,
            401 => ProviderFailure.TokenRejected,
            _ => ProviderFailure.BadRequest,
        },
    };
}
