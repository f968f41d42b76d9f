using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>Source-generated JSON for the Graph API's wire types: snake_case names, null members left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphSendRequest))]
[JsonSerializable(typeof(GraphReadRequest))]
[JsonSerializable(typeof(GraphSendResponse))]
[JsonSerializable(typeof(GraphSuccessResponse))]
[JsonSerializable(typeof(GraphMedia))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
