using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// A change's <c>value</c>, read while the payload is read: as a <see cref="MessagesValue"/> when it has that shape,
/// or the reason it has not. Whether the reason matters is only known from the change's <c>field</c>, which Meta sends
/// after the value: a template-status change may have a value that is no <see cref="MessagesValue"/> at all, and must
/// not be refused for it.
/// </summary>
[JsonConverter(typeof(ChangeValueConverter))]
public sealed record ChangeValue(MessagesValue? Messages, JsonException? Problem)
{
    /// <summary>The value was an array, a string or a number: no change's value is.</summary>
    public static ChangeValue NotAnObject { get; } = new(null, null);
}

/// <summary>
/// Reads <see cref="ChangeValue"/> in the same pass as the rest of the payload. Keeping the value as a
/// <see cref="JsonElement"/> and deserializing it once its field is known read a 3 MB batch twice.
/// </summary>
internal sealed class ChangeValueConverter : JsonConverter<ChangeValue>
{
    public override ChangeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ChangeValue.NotAnObject;
        }

        // The serializer hands a converter its whole value, so going back to the start is always possible.
        var start = reader;
        try
        {
            return new ChangeValue(JsonSerializer.Deserialize(ref reader, WebhookJsonContext.Default.MessagesValue), null);
        }
        catch (JsonException problem)
        {
            reader = start;
            reader.Skip();
            return new ChangeValue(null, problem);
        }
    }

    public override void Write(Utf8JsonWriter writer, ChangeValue value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Webhook payloads are only read.");
}
