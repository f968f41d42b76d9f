namespace TemporalBridge.Providers.Meta.Onboarding;

/// <summary>
/// What a failed onboarding call means, per the Graph API's error handling guide
/// (developers.facebook.com/docs/graph-api/guides/error-handling): the token (190, 102, 10, 200–299) is one the
/// business must grant again; Meta failing or busy (1, 2, 4, 17, 32, 613, or a 5xx without a code) may pass if the
/// business tries again; anything else is Meta refusing what was asked, which its message explains.
/// </summary>
public static class OnboardingErrors
{
    private static readonly HashSet<long> TokenCodes = [190, 102, 10];
    private static readonly HashSet<long> BusyCodes = [1, 2, 4, 17, 32, 613];

    public static ProviderFailure Classify(GraphErrorCode error) => error switch
    {
        { Code: { } c } when TokenCodes.Contains(c) || c is >= 200 and <= 299 => ProviderFailure.TokenRejected,
        { Code: { } c } when BusyCodes.Contains(c) => ProviderFailure.Transient,
        { Code: null, HttpStatus: >= 500 } => ProviderFailure.Transient,
        _ => ProviderFailure.BadRequest,
    };
}
