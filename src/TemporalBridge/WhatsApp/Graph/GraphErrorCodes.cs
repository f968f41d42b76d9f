using TemporalBridge.Conversations;

namespace TemporalBridge.WhatsApp.Graph;

/// <summary>
/// What a Graph API error code means for the caller, per the facts sheet's table. The code decides, not the HTTP
/// status: Meta answers throttling with 400 too. Only when no code came (a proxy's error page, an empty body) does
/// the status speak.
/// </summary>
public static class GraphErrorCodes
{
    private static readonly HashSet<long> TransientCodes = [131000, 131016, 133004, 1, 2, 4, 80007, 131057];
    private static readonly HashSet<long> UndeliverableCodes = [131026, 131050, 130403];
    private static readonly HashSet<long> BadRequestCodes = [131008, 131009, 100];
    private static readonly HashSet<long> TokenCodes = [0, 190];

    public static ProviderFailure Classify(long? code, int? httpStatus) => code switch
    {
        130429 => ProviderFailure.Throttled,
        131056 => ProviderFailure.PairRateLimited,
        131047 => ProviderFailure.OutsideWindow,
        { } c when TransientCodes.Contains(c) => ProviderFailure.Transient,
        { } c when UndeliverableCodes.Contains(c) => ProviderFailure.Undeliverable,
        // 132000-132999: template errors (missing, paused, wrong parameters).
        { } c when BadRequestCodes.Contains(c) || c is >= 132000 and <= 132999 => ProviderFailure.BadRequest,
        { } c when TokenCodes.Contains(c) => ProviderFailure.TokenRejected,
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
