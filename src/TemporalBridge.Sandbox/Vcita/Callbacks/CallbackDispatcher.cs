using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>Delivers vcita's callbacks with <c>Authorization: Bearer &lt;webhook secret&gt;</c>, retried on the <c>Callback*</c> schedule.</summary>
public sealed class CallbackDispatcher(
    OutboundQueue<CallbackRecord> queue,
    CallbackLog log,
    IHttpClientFactory httpClients,
    IOptions<VcitaEmulatorOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : OutboundDispatcher<CallbackRecord>(queue, log, httpClients, time, logger)
{
    public const string HttpClientName = "vcita-callbacks";

    protected override string ClientName => HttpClientName;

    protected override string CallKind => "vcita emulator callback";

    protected override RetrySchedule Retry =>
        new(options.Value.CallbackMaxAttempts, options.Value.CallbackRetryDelayMs, options.Value.CallbackTimeoutMs);

    protected override HttpRequestMessage CreateRequest(CallbackRecord call)
    {
        call.Leaving();
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url)
        {
            Content = new StringContent(call.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.WebhookSecret);
        return request;
    }
}
