using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// Delivers queued webhooks one at a time, in queue order, with their <c>X-Hub-Signature-256</c>. A refused attempt
/// (no answer, or not 2xx) is queued again after a doubling backoff until the attempts run out — Meta retries too,
/// for days; here it is bounded so a test can see the end. Every attempt and answer is recorded.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookQueue queue,
    WebhookLog log,
    IHttpClientFactory httpClients,
    IOptions<WhatsAppEmulatorOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "whatsapp-webhooks";

    private const int MaxRecordedBodyLength = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (log.IsCurrent(delivery.Record))
                {
                    await DeliverAsync(delivery, stoppingToken);
                }
                else
                {
                    delivery.Record.Dropped();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var record = delivery.Record;
        var attempt = await AttemptAsync(delivery, o, stoppingToken);
        var succeeded = attempt.StatusCode is >= 200 and < 300;
        var last = !record.Retries || delivery.Attempt >= o.WebhookMaxAttempts;
        if (!succeeded && !last)
        {
            // Scheduled before the attempt is recorded: whoever sees the refusal can count on the retry's timer.
            var backoff = TimeSpan.FromMilliseconds(o.WebhookRetryDelayMs * Math.Pow(2, delivery.Attempt - 1));
            queue.Schedule(delivery with { Attempt = delivery.Attempt + 1 }, backoff);
        }

        record.Attempted(attempt, succeeded ? "delivered" : last ? "failed" : "retrying");
        LogAttempt(logger, record.Id, delivery.Attempt, attempt.StatusCode, attempt.Error);
    }

    private async Task<WebhookAttempt> AttemptAsync(WebhookDelivery delivery, WhatsAppEmulatorOptions o, CancellationToken stoppingToken)
    {
        var record = delivery.Record;
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, record.Url) { Content = new ByteArrayContent(record.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (record.Signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, record.Signature);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(o.WebhookTimeoutMs));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new WebhookAttempt(delivery.Attempt, at, (int)response.StatusCode, Truncate(body), Error: null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new WebhookAttempt(delivery.Attempt, at, StatusCode: null, ResponseBody: null, $"no answer within {o.WebhookTimeoutMs} ms");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(delivery.Attempt, at, StatusCode: null, ResponseBody: null, e.Message);
        }
    }

    private static string? Truncate(string body) =>
        body.Length == 0 ? null : body.Length <= MaxRecordedBodyLength ? body : body[..MaxRecordedBodyLength] + "…";

    // Ids and statuses only: a webhook body holds users' messages and phone numbers.
    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp emulator webhook {WebhookId} attempt {Attempt}: {StatusCode} {Error}")]
    private static partial void LogAttempt(ILogger logger, long webhookId, int attempt, int? statusCode, string? error);
}
