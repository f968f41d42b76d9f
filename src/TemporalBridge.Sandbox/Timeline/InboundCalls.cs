using System.Diagnostics;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// Records on the <see cref="WireTimeline"/> every call the bridge makes to an emulated API, with the status the
/// sandbox answered and the workflow its body names. Which paths those are is <see cref="ServiceOf"/>: the APIs, not the control endpoints, the
/// browser's pages (vcita's consent page, Meta's dialogs) or the media a browser may also fetch.
/// </summary>
public static class InboundCalls
{
    public static IApplicationBuilder UseInboundCallRecording(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (ServiceOf(http.Request.Path) is not { } service)
            {
                await next(http);
                return;
            }
            // Kept so the body can be read again for its workflow once the emulator has answered.
            http.Request.EnableBuffering();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                var duration = Stopwatch.GetElapsedTime(started);
                http.RequestServices.GetRequiredService<WireTimeline>().Record(
                    WireCall.FromBridge, service, http.Request.Method, http.Request.Path, http.Response.StatusCode, duration, await WorkflowOfAsync(http.Request, service));
            }
        });

    /// <summary>The workflow the JSON body names. The bridge's clients may send a body chunked, without a length: the
    /// emulator has read it whole by now, so the buffer holds it. A body that cannot be read again names none.</summary>
    private static async Task<string?> WorkflowOfAsync(HttpRequest request, string service)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }
        try
        {
            var length = request.ContentLength ?? request.Body.Length;
            if (length is 0 or > WorkflowLinks.MaxBody)
            {
                return null;
            }
            request.Body.Position = 0;
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body);
            return WorkflowLinks.Of(service, body);
        }
        catch (Exception reading) when (reading is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The service the bridge called at <paramref name="path"/>, or null when no bridge calls it.</summary>
    public static string? ServiceOf(PathString path)
    {
        if (path.StartsWithSegments("/whatsapp-emulator/graph"))
        {
            return "whatsapp";
        }
        if (path.StartsWithSegments("/messenger-emulator/graph"))
        {
            return "messenger";
        }
        if (path.StartsWithSegments("/vcita-emulator", out var rest) && rest.HasValue && rest != "/"
            && !rest.StartsWithSegments("/_control") && !rest.StartsWithSegments("/app/oauth/authorize"))
        {
            return "vcita";
        }
        return null;
    }
}
