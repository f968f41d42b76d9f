using System.Text.Json;
using System.Text.Json.Serialization;
using TemporalBridge.Sandbox.Messenger.Chats;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>Every type the Messenger emulator reads or writes: snake_case like Meta's, optional parts left out when null.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageWebhook))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(SendApiAnswer))]
[JsonSerializable(typeof(ProfileAnswer))]
[JsonSerializable(typeof(MetaErrorBody))]
[JsonSerializable(typeof(CreatePersonRequest))]
[JsonSerializable(typeof(PersonEventRequest))]
[JsonSerializable(typeof(PersonMessageRequest))]
[JsonSerializable(typeof(PageChatView))]
[JsonSerializable(typeof(List<PageView>))]
[JsonSerializable(typeof(PageTokenRequest))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(PostbackRequest))]
[JsonSerializable(typeof(AddSendApiFaultRequest))]
[JsonSerializable(typeof(QueuedPageEvent))]
[JsonSerializable(typeof(PagePerson))]
[JsonSerializable(typeof(IReadOnlyList<PagePerson>))]
[JsonSerializable(typeof(IReadOnlyList<SentPageMessage>))]
[JsonSerializable(typeof(IReadOnlyList<SendApiCall>))]
[JsonSerializable(typeof(IReadOnlyList<PageWebhookView>))]
[JsonSerializable(typeof(IReadOnlyList<SendApiFault>))]
public sealed partial class MessengerJsonContext : JsonSerializerContext;
