using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>One call vcita makes (or made) to an app, and every attempt at it with the app's answer.</summary>
/// <param name="onFirstAttempt">What vcita does itself as it makes the call (e.g. a channel becomes active as vcita
/// tells the app so): run once, just before the first attempt leaves.</param>
public sealed class CallbackRecord(
    CallStamp stamp, string reason, string method, Uri url, string body, int copy, int copies, int heldMs, Action? onFirstAttempt = null)
    : OutboundCall(stamp)
{
    private Action? onFirstAttempt = onFirstAttempt;

    public string Method => method;

    /// <summary>Runs <c>onFirstAttempt</c> the first time only.</summary>
    public void Leaving() => Interlocked.Exchange(ref onFirstAttempt, null)?.Invoke();

    public Uri Url => url;

    public string Body => body;

    public CallbackView ToView()
    {
        var (state, attempts) = Progress();
        return new CallbackView(Id, reason, method, url.ToString(), body, copy, copies, heldMs, QueuedAt, state, attempts);
    }
}

/// <summary>
/// A callback as the control API shows it. <c>state</c>: queued, retrying, delivered (a 2xx answer) or failed
/// (every attempt used). <c>copy</c>/<c>copies</c> tell a deliberate duplicate apart; <c>held_ms</c> is an
/// injected extra delay (reordering).
/// </summary>
public sealed record CallbackView(
    long Id,
    string Reason,
    string Method,
    string Url,
    string Body,
    int Copy,
    int Copies,
    int HeldMs,
    DateTimeOffset QueuedAt,
    string State,
    IReadOnlyList<CallAttempt> Attempts);
