namespace TemporalBridge.Providers;

/// <summary>What kind of failure a provider call met: decides whether and how it is retried.</summary>
public enum ProviderFailure
{
    /// <summary>The provider or the network failed for now (5xx, timeouts, service errors): retry with backoff.</summary>
    Transient,

    /// <summary>The account's throughput limit: retry with backoff.</summary>
    Throttled,

    /// <summary>Too many messages to one client in a short time: retry after a longer, growing delay.</summary>
    PairRateLimited,

    /// <summary>The customer-service window is closed: only a template may be sent; retrying the text cannot help.</summary>
    OutsideWindow,

    /// <summary>The client cannot receive it (not on the provider, old app, opted out, blocked): never retry.</summary>
    Undeliverable,

    /// <summary>The request itself is wrong (bad parameter, template error): never retry as is.</summary>
    BadRequest,

    /// <summary>The access token is invalid or expired, or may not do this: an operator must fix it; retrying later can
    /// then succeed.</summary>
    TokenRejected,

    /// <summary>The business's account cannot send for now (blocked for policy, locked, payment, registration): an
    /// operator must act; retrying later can then succeed.</summary>
    AccountRestricted,

    /// <summary>The provider declined to deliver it now and asks for a day before trying again.</summary>
    Deferred,
}

/// <summary>
/// A provider call failed. <see cref="Kind"/> decides what the caller does; <see cref="Code"/> is the provider's
/// own code (e.g. WhatsApp's "131047"), kept for operators and search attributes. Messages never hold tokens or
/// message text.
/// </summary>
public sealed class ProviderApiException(string provider, ProviderFailure kind, string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;

    public ProviderFailure Kind { get; } = kind;

    public string Code { get; } = code;

    /// <summary>The stable error type a failed activity carries, e.g. "ProviderFailure.OutsideWindow".</summary>
    public string ErrorType => ToErrorType(Kind);

    public static string ToErrorType(ProviderFailure kind) => $"{nameof(ProviderFailure)}.{kind}";
}
