using System.Text.Json.Serialization;


namespace TemporalBridge.Admin;

/// <summary>The admin API's wire types, serialized without reflection.</summary>
[JsonSerializable(typeof(ChannelConnection))]
[JsonSerializable(typeof(IReadOnlyList<ChannelView>))]
[JsonSerializable(typeof(IReadOnlyList<DeliveryView>))]
[JsonSerializable(typeof(ConversationView))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
