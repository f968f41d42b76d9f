using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// <c>GET /sandbox/timeline</c>: the calls that crossed the wire as server-sent events (<c>event: call</c>, the id of
/// each call as the event's id, the <see cref="WireCall"/> as JSON), the kept ones first, then each as it happens.
/// A browser's <c>EventSource</c> that reconnects sends <c>Last-Event-ID</c> (html.spec.whatwg.org, "Server-sent
/// events") and gets only what it missed;
/// <c>?after=</c> does the same for other readers.
/// </summary>
public static class TimelineApi
{
    public const string Path = "/sandbox/timeline";
    public const string EventType = "call";

    /// <summary><c>GET /sandbox/timeline/settings</c>: where a call's workflow opens in the Temporal UI
    /// (<see cref="TimelineSettings"/>).</summary>
    public const string SettingsPath = "/sandbox/timeline/settings";

    public static IHostApplicationBuilder AddWireTimeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WireTimeline>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, TimelineJsonContext.Default));
        return builder;
    }

    /// <summary>Records the named client's calls to the bridge as <paramref name="service"/>'s.</summary>
    public static IHttpClientBuilder RecordedOnTimeline(this IHttpClientBuilder client, string service) =>
        client.AddHttpMessageHandler(services => new OutboundCalls(services.GetRequiredService<WireTimeline>(), service));

    public static IEndpointRouteBuilder MapWireTimeline(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (HttpRequest request, WireTimeline timeline, long? after) =>
            TypedResults.ServerSentEvents(Items(timeline, after ?? LastEventId(request), request.HttpContext.RequestAborted)))
            .WithTags("Sandbox timeline");
        routes.MapGet(SettingsPath, (IOptions<SandboxOptions> options) => TypedResults.Ok(new TimelineSettings(
                options.Value.TemporalUiUrl is { } ui ? $"{ui.GetLeftPart(UriPartial.Path).TrimEnd('/')}/namespaces/{Uri.EscapeDataString(options.Value.TemporalNamespace)}/workflows/" : null)))
            .WithTags("Sandbox timeline");
        return routes;
    }

    private static async IAsyncEnumerable<SseItem<WireCall>> Items(WireTimeline timeline, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var call in timeline.WatchAsync(after, cancel))
        {
            yield return new SseItem<WireCall>(call, EventType) { EventId = call.Id.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static long LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
