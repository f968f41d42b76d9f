using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// One HTTP call that crossed the wire between the bridge and the sandbox, as the timeline shows it: which way, which
/// service the sandbox stood in for, the method and path (never the query, which may carry a token, nor the body),
/// the answer's status (null when none came), how long the answer took, and the bridge's workflow it belongs to when
/// the call names one (<see cref="WorkflowLinks"/>). <see cref="Id"/> grows by one per call, so a reader that
/// reconnects asks for what came after the last id it saw. The sandbox's own shape, for its page: no vendor publishes
/// one.
/// </summary>
public sealed record WireCall(long Id, DateTimeOffset At, string Direction, string Service, string Method, string Path, int? Status, long DurationMs, string? Workflow = null)
{
    /// <summary>The sandbox called the bridge: a provider's webhook, vcita's callback, Meta's app-removal callback.</summary>
    public const string ToBridge = "to_bridge";

    /// <summary>The bridge called the sandbox: the Graph API, Messenger's Send API, vcita's APIs.</summary>
    public const string FromBridge = "from_bridge";
}

/// <summary>The timeline's settings for the page: <c>workflows</c>, the Temporal UI's address that a workflow id (URL
/// escaped) is appended to; null when the sandbox links none. The sandbox's own shape.</summary>
public sealed record TimelineSettings(string? Workflows);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireCall))]
[JsonSerializable(typeof(TimelineSettings))]
internal sealed partial class TimelineJsonContext : JsonSerializerContext;
