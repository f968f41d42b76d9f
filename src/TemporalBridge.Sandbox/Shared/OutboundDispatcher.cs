namespace TemporalBridge.Sandbox.Shared;

/// <summary>How often and how long a call is tried: the first retry after <see cref="RetryDelayMs"/>, each next one after twice the last.</summary>
public sealed record RetrySchedule(int MaxAttempts, int RetryDelayMs, int TimeoutMs)
{
    public TimeSpan BackoffAfter(int attempt) => TimeSpan.FromMilliseconds(RetryDelayMs * Math.Pow(2, attempt - 1));
}

/// <summary>
/// Delivers queued calls one at a time, in queue order. A refused attempt (no answer, or not 2xx) is queued again
/// after a doubling backoff until the attempts run out; every attempt and answer is recorded. Each emulator says
/// which named client, which schedule, and how a call becomes a request (its URL, body and auth header).
/// </summary>
public abstract class OutboundDispatcher<TCall>(
    OutboundQueue<TCall> queue, OutboundLog<TCall> log, IHttpClientFactory httpClients, TimeProvider time, ILogger logger) : BackgroundService
    where TCall : OutboundCall
{
    private const int MaxRecordedBodyLength = 2000;

    /// <summary>The named <see cref="HttpClient"/> calls go out on; tests point it at an in-memory bridge.</summary>
    protected abstract string ClientName { get; }

    /// <summary>What the log calls a call, e.g. "vcita emulator callback".</summary>
    protected abstract string CallKind { get; }

    protected abstract RetrySchedule Retry { get; }

    protected abstract HttpRequestMessage CreateRequest(TCall call);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (log.IsCurrent(delivery.Call))
                {
                    await DeliverAsync(delivery, stoppingToken);
                }
                else
                {
                    delivery.Call.Dropped();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(OutboundDelivery<TCall> delivery, CancellationToken stoppingToken)
    {
        var retry = Retry;
        var call = delivery.Call;
        using var request = CreateRequest(call);
        var attempt = await AttemptAsync(request, delivery.Attempt, retry.TimeoutMs, stoppingToken);
        var succeeded = attempt.StatusCode is >= 200 and < 300;
        var last = !call.Retries || delivery.Attempt >= retry.MaxAttempts;
        if (!succeeded && !last)
        {
            // Scheduled before the attempt is recorded: whoever sees the refusal can count on the retry's timer.
            queue.Schedule(delivery with { Attempt = delivery.Attempt + 1 }, retry.BackoffAfter(delivery.Attempt));
        }

        call.Attempted(attempt, succeeded ? "delivered" : last ? "failed" : "retrying");
        // Id, method and path only: a body holds users' messages, and a vcita api_uri may carry a ?token=.
        OutboundDispatcherLog.Attempt(
            logger, CallKind, call.Id, request.Method.Method, request.RequestUri!.GetLeftPart(UriPartial.Path), delivery.Attempt, attempt.StatusCode, attempt.Error);
    }

    private async Task<CallAttempt> AttemptAsync(HttpRequestMessage request, int number, int timeoutMs, CancellationToken stoppingToken)
    {
        var at = time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        try
        {
            using var response = await httpClients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new CallAttempt(number, at, (int)response.StatusCode, Truncate(body), Error: null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new CallAttempt(number, at, StatusCode: null, ResponseBody: null, $"no answer within {timeoutMs} ms");
        }
        catch (HttpRequestException e)
        {
            return new CallAttempt(number, at, StatusCode: null, ResponseBody: null, e.Message);
        }
    }

    private static string? Truncate(string body) =>
        body.Length == 0 ? null : body.Length <= MaxRecordedBodyLength ? body : body[..MaxRecordedBodyLength] + "…";
}

internal static partial class OutboundDispatcherLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{CallKind} {CallId} {Method} {Path} attempt {Attempt}: {StatusCode} {Error}")]
    public static partial void Attempt(ILogger logger, string callKind, long callId, string method, string path, int attempt, int? statusCode, string? error);
}
