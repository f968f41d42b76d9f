namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>One call vcita makes (or made) to an app, and every attempt at it with the app's answer.</summary>
public sealed class CallbackRecord(
    long id, long generation, string reason, string method, Uri url, string body, int copy, int copies, int heldMs, DateTimeOffset queuedAt)
{
    private readonly Lock gate = new();
    private readonly List<CallbackAttempt> attempts = [];
    private string state = "queued";

    public long Id => id;

    /// <summary>Which reset era this belongs to: deliveries of records from before a reset are dropped.</summary>
    public long Generation => generation;

    public string Method => method;

    public Uri Url => url;

    public string Body => body;

    public void Attempted(CallbackAttempt attempt, string newState)
    {
        lock (gate)
        {
            attempts.Add(attempt);
            state = newState;
        }
    }

    public CallbackView ToView()
    {
        lock (gate)
        {
            return new CallbackView(id, reason, method, url.ToString(), body, copy, copies, heldMs, queuedAt, state, [.. attempts]);
        }
    }
}

/// <summary>One attempt: the app's status code and body, or why there was none (timeout, refused connection).</summary>
public sealed record CallbackAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? ResponseBody, string? Error);

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
    IReadOnlyList<CallbackAttempt> Attempts);
