using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.Messenger.SendApi;

/// <summary>Source-generated JSON for the Send API's wire types: snake_case names, null members left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendApiRequest))]
[JsonSerializable(typeof(SenderActionRequest))]
[JsonSerializable(typeof(SendApiResponse))]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class SendApiJsonContext : JsonSerializerContext;
