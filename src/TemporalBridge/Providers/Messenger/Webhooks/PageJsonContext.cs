using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>
/// Source-generated reading of Page webhooks: Meta's snake_case names, numbers also from numeric strings (Meta's
/// own pages write a watermark or a timestamp either way), and a key given twice refused, as in every JSON body the
/// bridge reads.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PagePayload))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
