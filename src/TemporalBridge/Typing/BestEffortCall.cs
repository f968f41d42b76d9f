using System.Globalization;
using TemporalBridge.Businesses;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Vcita;
using Temporalio.Exceptions;

namespace TemporalBridge.Typing;

/// <summary>
/// Runs the outgoing part of a typing event: a few seconds at most, once. A typing indicator is worth something only
/// now, so a failure is handed back for the caller to log and is never retried: a late indicator would be wrong,
/// and the typist's next event tries afresh anyway.
/// </summary>
internal static class BestEffortCall
{
    /// <summary>Generous for one small request to WhatsApp or vcita, short enough not to hold a webhook or vcita up.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <returns>Null when the call went through; otherwise why it did not, in words safe to log.</returns>
    public static async Task<string?> TryAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await call(deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (Describe(e) is { } reason)
        {
            return reason;
        }
    }

    /// <summary>
    /// The failures a typing call can meet, described without what must not reach a log. The bridge's provider and
    /// vcita exceptions are written to hold no token or message text, so their messages are kept; Temporal's can
    /// name the workflow id, which holds the client's phone number, so only their kind is.
    /// </summary>
    private static string? Describe(Exception e) => e switch
    {
        ProviderApiException or VcitaApiException or BusinessNotConnectedException or TimeoutException => e.Message,
        HttpRequestException http => $"HTTP request failed ({http.HttpRequestError})",
        RpcException rpc => $"Temporal answered {rpc.Code}",
        _ when TemporalUnavailableHandler.IsTemporalUnavailable(e) => "Temporal cannot be reached",
        TemporalException => $"Temporal failed ({e.GetType().Name})",
        _ => null,
    };
}
