using System.Text.Json.Serialization;

namespace TemporalBridge.Typing;

/// <summary>Source-generated JSON for what typing keeps in Redis.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ConversationVcsSession))]
internal sealed partial class TypingJsonContext : JsonSerializerContext;
