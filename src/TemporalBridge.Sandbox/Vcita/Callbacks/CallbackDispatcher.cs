using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>
/// Delivers queued callbacks one at a time, in queue order, with <c>Authorization: Bearer &lt;webhook secret&gt;</c>.
/// A failed attempt (no answer, or not 2xx) is queued again after a doubling backoff until the attempts run out;
/// every attempt and answer is recorded.
/// </summary>
public sealed partial class CallbackDispatcher(
    CallbackQueue queue,
    CallbackLog log,
    IHttpClientFactory httpClients,
    IOptions<VcitaEmulatorOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "vcita-callbacks";

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
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(CallbackDelivery delivery, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var record = delivery.Record;
        var attempt = await AttemptAsync(delivery, o, stoppingToken);
        var succeeded = attempt.StatusCode is >= 200 and < 300;
        var last = delivery.Attempt >= o.CallbackMaxAttempts;
        record.Attempted(attempt, succeeded ? "delivered" : last ? "failed" : "retrying");
        // The path only: an api_uri may carry the shared secret as ?token=.
        LogAttempt(logger, record.Method, record.Url.GetLeftPart(UriPartial.Path), delivery.Attempt, attempt.StatusCode, attempt.Error);

        if (!succeeded && !last)
        {
            var backoff = TimeSpan.FromMilliseconds(o.CallbackRetryDelayMs * Math.Pow(2, delivery.Attempt - 1));
            queue.Schedule(delivery with { Attempt = delivery.Attempt + 1 }, backoff);
        }
    }

    private async Task<CallbackAttempt> AttemptAsync(CallbackDelivery delivery, VcitaEmulatorOptions o, CancellationToken stoppingToken)
    {
        var record = delivery.Record;
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(new HttpMethod(record.Method), record.Url)
        {
            Content = new StringContent(record.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.WebhookSecret);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(o.CallbackTimeoutMs));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new CallbackAttempt(delivery.Attempt, at, (int)response.StatusCode, Truncate(body), Error: null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new CallbackAttempt(delivery.Attempt, at, StatusCode: null, ResponseBody: null, $"no answer within {o.CallbackTimeoutMs} ms");
        }
        catch (HttpRequestException e)
        {
            return new CallbackAttempt(delivery.Attempt, at, StatusCode: null, ResponseBody: null, e.Message);
        }
    }

    private static string? Truncate(string body) =>
        body.Length == 0 ? null : body.Length <= MaxRecordedBodyLength ? body : body[..MaxRecordedBodyLength] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "vcita emulator callback {Method} {Url} attempt {Attempt}: {StatusCode} {Error}")]
    private static partial void LogAttempt(ILogger logger, string method, string url, int attempt, int? statusCode, string? error);
}
