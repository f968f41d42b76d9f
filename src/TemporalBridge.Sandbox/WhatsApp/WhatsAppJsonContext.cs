using System.Text.Json;
using System.Text.Json.Serialization;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp;

/// <summary>Every type the WhatsApp emulator reads or writes: snake_case like Meta's, optional parts left out when null.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(AccountUpdatePayload))]
[JsonSerializable(typeof(AccountUpdateRequest))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(GraphErrorBody))]
[JsonSerializable(typeof(MediaInfo))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(List<UserView>))]
[JsonSerializable(typeof(UserMessageSpec))]
[JsonSerializable(typeof(EchoSpec))]
[JsonSerializable(typeof(AccountErrorsRequest))]
[JsonSerializable(typeof(StatusSpec))]
[JsonSerializable(typeof(SendBatchRequest))]
[JsonSerializable(typeof(SendRawRequest))]
[JsonSerializable(typeof(SentWebhooks))]
[JsonSerializable(typeof(SentPost))]
[JsonSerializable(typeof(IReadOnlyList<WebhookView>))]
[JsonSerializable(typeof(IReadOnlyList<GraphCall>))]
[JsonSerializable(typeof(IReadOnlyList<OutboundView>))]
[JsonSerializable(typeof(SetStatusPlanRequest))]
[JsonSerializable(typeof(StatusPlan))]
[JsonSerializable(typeof(IReadOnlyList<StatusPlan>))]
[JsonSerializable(typeof(AddGraphFaultRequest))]
[JsonSerializable(typeof(GraphFault))]
[JsonSerializable(typeof(IReadOnlyList<GraphFault>))]
public sealed partial class WhatsAppJsonContext : JsonSerializerContext;
