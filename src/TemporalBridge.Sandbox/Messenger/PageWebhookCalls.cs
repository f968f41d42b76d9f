using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>One Page webhook POST the emulator makes (or made) to the bridge, its bytes and signature fixed when
/// queued so a retry sends the same, as Meta's do.</summary>
public sealed class PageWebhookCall(CallStamp stamp, string reason, Uri url, byte[] body, string signature) : OutboundCall(stamp)
{
    public Uri Url => url;

    public byte[] Body => body;

    public string Signature => signature;

    public PageWebhookView ToView()
    {
        var (state, attempts) = Progress();
        return new PageWebhookView(Id, reason, System.Text.Encoding.UTF8.GetString(body), QueuedAt, state, attempts);
    }
}

/// <summary>A Page webhook as the control API shows it: why it was sent, its body, and how the bridge answered.</summary>
public sealed record PageWebhookView(long Id, string Reason, string Body, DateTimeOffset QueuedAt, string State, IReadOnlyList<CallAttempt> Attempts);

public sealed class PageWebhookLog(TimeProvider time) : OutboundLog<PageWebhookCall>(time)
{
    public IReadOnlyList<PageWebhookView> Views() => [.. Calls().Select(c => c.ToView())];
}

/// <summary>Serialises, signs (<c>X-Hub-Signature-256</c> with <c>MessengerEmulator__AppSecret</c>) and queues Page
/// webhooks to <c>Sandbox__BridgeBaseUrl</c> + <c>MessengerEmulator__WebhookPath</c>.</summary>
public sealed class PageWebhookSender(
    OutboundQueue<PageWebhookCall> queue, PageWebhookLog log, IOptions<MessengerEmulatorOptions> options, IOptions<SandboxOptions> sandbox, TimeProvider time)
{
    /// <summary>Queues one webhook of <paramref name="events"/> for <paramref name="pageId"/>, after <paramref name="delay"/>;
    /// <paramref name="standby"/>: as Meta sends them to an app that does not own the conversation.</summary>
    public PageWebhookCall Post(string reason, string pageId, IReadOnlyList<MessagingEvent> events, TimeSpan delay = default, bool standby = false)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var entry = standby ? new PageEntry(pageId, now, Messaging: null) { Standby = events } : new PageEntry(pageId, now, events);
        var payload = new PageWebhook("page", [entry]);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, MessengerJsonContext.Default.PageWebhook);
        var signature = WebhookSignature.For(body, options.Value.AppSecret, SignatureMode.Good)!;
        var url = new Uri(sandbox.Value.BridgeBaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/') + options.Value.WebhookPath);
        var call = log.Add(stamp => new PageWebhookCall(stamp, reason, url, body, signature));
        queue.Schedule(new OutboundDelivery<PageWebhookCall>(call, 1), delay);
        return call;
    }
}

/// <summary>POSTs Page webhooks to the bridge, retried on the <c>Webhook*</c> schedule (Meta retries for hours; here it
/// is bounded so a test can see the end).</summary>
public sealed class PageWebhookDispatcher(
    OutboundQueue<PageWebhookCall> queue,
    PageWebhookLog log,
    IHttpClientFactory httpClients,
    IOptions<MessengerEmulatorOptions> options,
    TimeProvider time,
    ILogger<PageWebhookDispatcher> logger) : OutboundDispatcher<PageWebhookCall>(queue, log, httpClients, time, logger)
{
    public const string HttpClientName = "messenger-webhooks";

    protected override string ClientName => HttpClientName;

    protected override string CallKind => "Messenger emulator webhook";

    protected override RetrySchedule Retry =>
        new(options.Value.WebhookMaxAttempts, options.Value.WebhookRetryDelayMs, options.Value.WebhookTimeoutMs);

    protected override HttpRequestMessage CreateRequest(PageWebhookCall call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, call.Url) { Content = new ByteArrayContent(call.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, call.Signature);
        return request;
    }
}
