using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// One POST the emulator makes (or made) to the bridge's webhook, and every attempt at it with the bridge's answer.
/// The body and its signature are fixed when it is queued: a retry sends the same bytes, as Meta's do.
/// </summary>
public sealed class WebhookRecord(
    CallStamp stamp, string reason, Uri url, byte[] body, string? signature, IReadOnlyList<string> wamids, int copy, int copies, bool retries)
    : OutboundCall(stamp)
{
    public Uri Url => url;

    public byte[] Body => body;

    public string? Signature => signature;

    /// <summary>Whether a refused attempt is tried again (raw test bodies are sent once).</summary>
    public override bool Retries => retries;

    public WebhookView ToView()
    {
        var (state, attempts) = Progress();
        return new WebhookView(
            Id, reason, url.ToString(), System.Text.Encoding.UTF8.GetString(body), signature, wamids, copy, copies, QueuedAt, state, attempts);
    }
}

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
    IReadOnlyList<CallAttempt> Attempts);
