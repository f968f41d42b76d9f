using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// POSTs webhooks to the bridge with their <c>X-Hub-Signature-256</c>, retried on the <c>Webhook*</c> schedule — Meta
/// retries too, for days; here it is bounded so a test can see the end.
/// </summary>
public sealed class WebhookDispatcher(
    OutboundQueue<WebhookRecord> queue,
    WebhookLog log,
    IHttpClientFactory httpClients,
    IOptions<WhatsAppEmulatorOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : OutboundDispatcher<WebhookRecord>(queue, log, httpClients, time, logger)
{
    public const string HttpClientName = "whatsapp-webhooks";

    protected override string ClientName => HttpClientName;

    protected override string CallKind => "WhatsApp emulator webhook";

    protected override RetrySchedule Retry =>
        new(options.Value.WebhookMaxAttempts, options.Value.WebhookRetryDelayMs, options.Value.WebhookTimeoutMs);

    protected override HttpRequestMessage CreateRequest(WebhookRecord call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, call.Url) { Content = new ByteArrayContent(call.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (call.Signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, call.Signature);
        }

        return request;
    }
}
