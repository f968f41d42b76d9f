using TemporalBridge.Channels;
using TemporalBridge.Providers;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Why a staff message did not reach its client, in words staff and operators can act on: sent to vcita with the
/// <c>error</c> status and listed by the admin API. Built from error types and the provider's own error titles only,
/// never from message text.
/// </summary>
public static class FailureReasons
{
    /// <summary>The reason for a failure of the bridge's send call (<paramref name="errorType"/> as the activity failed with).</summary>
    public static string ForSendFailure(string provider, string errorType)
    {
        var name = ProviderNames.Title(provider);
        return errorType switch
        {
            _ when errorType == Type(ProviderFailure.OutsideWindow) =>
                $"Not sent: the client last wrote longer ago than {name} lets the business reply freely (24 hours), and no other way to reach them was open (a pre-approved template for this channel, or a person's late reply where {name} allows one). It can go once the client writes again.",
            _ when errorType == Type(ProviderFailure.Undeliverable) =>
                $"Not sent: the client cannot receive {name} messages (not on {name}, opted out, or blocked).",
            _ when errorType == Type(ProviderFailure.BadRequest) => $"Not sent: {name} refused the message as invalid.",
            _ when errorType == Type(ProviderFailure.TokenRejected) =>
                $"Not sent: {name} rejected the account's access token, or what it may do; it was waiting for the account to be connected again with a new token.",
            _ when errorType == Type(ProviderFailure.AccountRestricted) =>
                $"Not sent: the business's {name} account cannot send now (restricted, locked, unpaid or unregistered); an operator must resolve it with {name}, then retry.",
            _ when errorType == Type(ProviderFailure.Deferred) =>
                $"Not sent: {name} declined to deliver it for now and asks to wait a day before trying again; it was tried again a day later without success.",
            _ when errorType == Type(ProviderFailure.PairRateLimited) =>
                $"Not sent: too many messages to this client in a short time, and retries ran out.",
            _ when errorType == Type(ProviderFailure.Throttled) =>
                $"Not sent: {name} kept refusing more messages from this account for now (its rate limits), and retries ran out.",
            _ => $"Not sent: {name} could not be reached, and retries ran out ({errorType}).",
        };
    }

    /// <summary>The reason for a failure the provider reported after accepting the message.</summary>
    public static string ForReportedFailure(string provider, ProviderError? error) => error is null
        ? $"Not delivered: {ProviderNames.Title(provider)} reported the message failed."
        : $"Not delivered: {error.Title} ({ProviderNames.Title(provider)} error {error.Code}).";

    /// <summary>The reason for a delivery's last error code (its <c>BridgeLastErrorCode</c>), either direction.</summary>
    public static string ForErrorCode(string provider, string code) => code switch
    {
        _ when code.StartsWith($"{nameof(ProviderFailure)}.", StringComparison.Ordinal) => ForSendFailure(provider, code),
        _ when code.StartsWith($"{provider}.", StringComparison.Ordinal) =>
            $"Not delivered: {ProviderNames.Title(provider)} reported the message failed (error {code[(provider.Length + 1)..]}).",
        _ => $"vcita did not take the message or its status ({code}).",
    };

    private static string Type(ProviderFailure kind) => ProviderApiException.ToErrorType(kind);
}
