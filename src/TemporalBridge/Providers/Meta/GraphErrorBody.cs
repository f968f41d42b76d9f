using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.Meta;

/// <summary>Every Graph API failure, WhatsApp's and Messenger's alike:
/// <c>{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}</c>
/// (developers.facebook.com/docs/graph-api/guides/error-handling).</summary>
public sealed record GraphErrorEnvelope(GraphError? Error);

public sealed record GraphError(string? Message, string? Type, long? Code, long? ErrorSubcode, GraphErrorData? ErrorData, string? FbtraceId);

public sealed record GraphErrorData(string? Details);

/// <summary>What a provider's error table decides by: Meta's code and subcode, when its body gave them, and the HTTP
/// status (which speaks only when no code came: Meta answers throttling with 400).</summary>
public readonly record struct GraphErrorCode(long? Code, long? Subcode, int? HttpStatus);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphErrorEnvelope))]
internal sealed partial class GraphErrorJsonContext : JsonSerializerContext;
