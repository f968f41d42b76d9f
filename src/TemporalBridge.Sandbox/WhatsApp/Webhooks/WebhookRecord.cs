namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// One POST the emulator makes (or made) to the bridge's webhook, and every attempt at it with the bridge's answer.
/// The body and its signature are fixed when it is queued: a retry sends the same bytes, as Meta's do.
/// </summary>
public sealed class WebhookRecord(
    long id,
    long generation,
    string reason,
    Uri url,
    byte[] body,
    string? signature,
    IReadOnlyList<string> wamids,
    int copy,
    int copies,
    bool retries,
    DateTimeOffset queuedAt)
{
    private readonly Lock gate = new();
    private readonly List<WebhookAttempt> attempts = [];
    private readonly TaskCompletionSource<WebhookAttempt?> firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string state = "queued";

    public long Id => id;

    /// <summary>Which reset era this belongs to: records from before a reset are not delivered any more.</summary>
    public long Generation => generation;

    public Uri Url => url;

    public byte[] Body => body;

    public string? Signature => signature;

    /// <summary>Whether a refused attempt is tried again (raw test bodies are sent once).</summary>
    public bool Retries => retries;

    /// <summary>Completes with the first attempt, or null when the record was dropped by a reset before it.</summary>
    public Task<WebhookAttempt?> FirstAttempt => firstAttempt.Task;

    public void Attempted(WebhookAttempt attempt, string newState)
    {
        lock (gate)
        {
            attempts.Add(attempt);
            state = newState;
        }

        firstAttempt.TrySetResult(attempt);
    }

    public void Dropped()
    {
        lock (gate)
        {
            state = "dropped";
        }

        firstAttempt.TrySetResult(null);
    }

    public WebhookView ToView()
    {
        lock (gate)
        {
            return new WebhookView(
                id, reason, url.ToString(), System.Text.Encoding.UTF8.GetString(body), signature, wamids, copy, copies, queuedAt, state, [.. attempts]);
        }
    }
}

/// <summary>One attempt: the bridge's status code and body, or why there was none (timeout, refused connection).</summary>
public sealed record WebhookAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? ResponseBody, string? Error);

/// <summary>
/// A webhook as the control API shows it. <c>state</c>: queued, retrying, delivered (a 2xx answer), failed (every
/// attempt used, or a raw body refused) or dropped (a reset came first). <c>copy</c>/<c>copies</c> tell deliberate
/// duplicates apart; <c>signature</c> is the header value sent, null when left out.
/// </summary>
public sealed record WebhookView(
    long Id,
    string Reason,
    string Url,
    string Body,
    string? Signature,
    IReadOnlyList<string> Wamids,
    int Copy,
    int Copies,
    DateTimeOffset QueuedAt,
    string State,
    IReadOnlyList<WebhookAttempt> Attempts);
