using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// Source-generated reading of Meta's webhook payloads. Meta's names are snake_case; error codes are read from a
/// number or a numeric string, since nothing is gained by refusing either. A key given twice is refused, as in
/// every JSON body the bridge reads: a signed body saying <c>object</c> twice would otherwise mean whatever came last.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(MessagesValue))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
