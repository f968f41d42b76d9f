using System.Diagnostics;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// Records on the <see cref="WireTimeline"/> every call the sandbox makes to the bridge on one named client (a
/// provider's webhooks, vcita's callbacks, Meta's app-removal callbacks), with the bridge's answer; a call that got
/// none (refused, timed out) is recorded without a status.
/// </summary>
public sealed class OutboundCalls(WireTimeline timeline, string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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
            timeline.Record(WireCall.ToBridge, service, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", status, Stopwatch.GetElapsedTime(started));
        }
    }
}
