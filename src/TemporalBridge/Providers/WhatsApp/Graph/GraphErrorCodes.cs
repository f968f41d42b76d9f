
namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>
/// What a Graph API error code means for the caller, per Meta's error-codes page for the Cloud API
/// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes) and the Graph API's own
/// codes (developers.facebook.com/docs/graph-api/guides/error-handling). The code decides, not the HTTP status:
/// Meta answers throttling with 400, and some errors no retry can cure with 500. Only when no code came (a proxy's
/// error page, an empty body) does the status speak.
/// </summary>
public static class GraphErrorCodes
{
    /// <summary>Meta's service failing for now: 1 (unknown, possibly the server), 2 (service down), 131000 (something went
    /// wrong), 131016 (service unavailable), 131057 (account in maintenance), 133004 (server unavailable), 133015 (number
    /// recently deleted, wait), 2494100 (maintenance during a migration).</summary>
    private static readonly HashSet<long> TransientCodes = [1, 2, 131000, 131016, 131057, 133004, 133015, 2494100];

    /// <summary>Limits on how fast: 130429 (the number's throughput), 4 (the app's call rate), 80007 (the account's rate),
    /// 131048 (a spam rate limit on the number, after messages were blocked or flagged), 133016 (registration rate).</summary>
    private static readonly HashSet<long> ThrottledCodes = [130429, 4, 80007, 131048, 133016];

    /// <summary>This client cannot get it: 131026 (not on WhatsApp, terms, old app), 131050 (stopped the business's
    /// marketing messages), 130472 (in one of Meta's experiments), 131062 (the recipient's id form is not supported for
    /// this message), 130497 (the business may not message this country), 131021 (the recipient is the sender).</summary>
    private static readonly HashSet<long> UndeliverableCodes = [131026, 131050, 130472, 131062, 130497, 131021];

    /// <summary>The request itself: 100 (invalid parameter), 33 (the number was deleted), 131008/131009 (parameter missing or
    /// invalid), 131051 (type not supported), 131053 (media), 131055 (method not allowed), 131063 (marketing templates off on
    /// the Cloud API), 135000 (generic user error), 137000 (identity key mismatch), and 132xxx (templates).</summary>
    private static readonly HashSet<long> BadRequestCodes = [100, 33, 131008, 131009, 131051, 131053, 131055, 131063, 135000, 137000];

    /// <summary>The token, or what it may do: 0 (authentication), 190 (expired), 3 (capability), 10 and 200–299
    /// (permission not granted or removed), 131005 (access denied).</summary>
    private static readonly HashSet<long> TokenCodes = [0, 190, 3, 10, 131005];

    /// <summary>The account cannot send until someone acts: 368 (blocked for policy), 131031 (account locked), 131042
    /// (payment), 131045 (registration certificate), 133010 (number not registered), 133000 (deregistration incomplete).</summary>
    private static readonly HashSet<long> AccountCodes = [368, 131031, 131042, 131045, 133010, 133000];

    public static ProviderFailure Classify(long? code, int? httpStatus) => code switch
    {
        131056 => ProviderFailure.PairRateLimited,
        131047 => ProviderFailure.OutsideWindow,
        // Meta declined to deliver now "to maintain healthy ecosystem engagement" and asks for a day before trying again.
        131049 => ProviderFailure.Deferred,
        { } c when ThrottledCodes.Contains(c) => ProviderFailure.Throttled,
        { } c when TransientCodes.Contains(c) => ProviderFailure.Transient,
        { } c when UndeliverableCodes.Contains(c) => ProviderFailure.Undeliverable,
        { } c when BadRequestCodes.Contains(c) || c is >= 132000 and <= 132999 => ProviderFailure.BadRequest,
        { } c when TokenCodes.Contains(c) || c is >= 200 and <= 299 => ProviderFailure.TokenRejected,
        { } c when AccountCodes.Contains(c) => ProviderFailure.AccountRestricted,
        // A code the table does not know: Meta's own 5xx may still recover; a 4xx is about the request.
        { } => httpStatus >= 500 ? ProviderFailure.Transient : ProviderFailure.BadRequest,
        null => httpStatus switch
        {
            null or 408 or 429 or >= 500 => ProviderFailure.Transient,
            401 => ProviderFailure.TokenRejected,
            _ => ProviderFailure.BadRequest,
        },
    };
}
