using System.Diagnostics;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// Records on the <see cref="WireTimeline"/> every call the sandbox makes to the bridge on one named client (a
/// provider's webhooks, vcita's callbacks, Meta's app-removal callbacks), with the bridge's answer; a call that got
/// none (refused, timed out) is recorded without a status, and each with the workflow its body names.
/// </summary>
public sealed class OutboundCalls(WireTimeline timeline, string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Read before sending: the sandbox's bodies (bytes, a string) can be read again by the send.
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            timeline.Record(WireCall.ToBridge, service, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", status, Stopwatch.GetElapsedTime(started),
                WorkflowLinks.Of(service, body));
        }
    }
}
