using System.Text.Json.Serialization;
using TemporalBridge.Admin;
using TemporalBridge.Providers.Messenger.Onboarding;

namespace TemporalBridge.Connect;

/// <summary>The connect page's wire types, serialized without reflection, in snake_case as the rest of the API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PagePicker))]
[JsonSerializable(typeof(IReadOnlyList<ChannelConnection>))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
