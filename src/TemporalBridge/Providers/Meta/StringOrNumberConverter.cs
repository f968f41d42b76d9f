using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// A value Meta writes as a string in its examples but types as an integer in its tables (an echo's
/// <c>timestamp</c>, Meta's smb_message_echoes reference): read from either, as the digits' text.
/// </summary>
internal sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException("must be a string or a number"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
